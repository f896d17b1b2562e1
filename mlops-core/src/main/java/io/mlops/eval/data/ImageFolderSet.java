package io.mlops.eval.data;

import io.mlops.error.UserError;
import io.mlops.image.DecodedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Images in one folder per class ({@code root/cat/1.png}), as torchvision's ImageFolder: classes
 * are the folder names sorted, samples sorted by class then file name.
 */
public final class ImageFolderSet implements EvalSet {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private final List<String> classes = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();

    /**
     * Lists a folder.
     *
     * @param root the folder holding one folder per class
     * @throws UserError when the folder is missing or has no class folders
     */
    public ImageFolderSet(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserError("no such image folder: " + root);
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                int label = classes.size();
                classes.add(dir.getFileName().toString());
                try (Stream<Path> images = Files.list(dir)) {
                    for (Path file :
                            images.filter(ImageFolderSet::isImage).sorted().toList()) {
                        files.add(file);
                        labels.add(label);
                    }
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot list image folder " + root + ": " + e.getMessage(), e);
        }
        if (classes.isEmpty()) {
            throw new UserError(
                    "image folder " + root + " has no class folders (expected " + root + "/CLASS/IMAGE.png)");
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public String name(int index) {
        return files.get(index).toString();
    }

    @Override
    public Item read(int index) {
        return new Item(name(index), null, DecodedImage.read(files.get(index)), labels.get(index), null, -1);
    }

    @Override
    public List<String> classNames() {
        return List.copyOf(classes);
    }
}
