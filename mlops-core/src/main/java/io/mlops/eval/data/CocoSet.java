package io.mlops.eval.data;

import io.mlops.error.UserError;
import io.mlops.eval.coco.CocoGroundTruth;
import io.mlops.image.DecodedImage;
import io.mlops.labels.LabeledImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** A COCO detection set: an instances JSON file and the folder its file names are relative to. */
public final class CocoSet implements EvalSet {
    private final CocoGroundTruth truth;
    private final Path images;

    /**
     * Reads the annotations.
     *
     * @param annotations the instances JSON file
     * @param images the images folder
     * @throws UserError when either is missing or the file is not COCO
     */
    public CocoSet(Path annotations, Path images) {
        if (!Files.isRegularFile(annotations)) {
            throw new UserError("no such COCO annotations file: " + annotations);
        }
        if (!Files.isDirectory(images)) {
            throw new UserError("no such COCO images folder: " + images + " (give it with ?images=DIR)");
        }
        this.truth = CocoGroundTruth.read(annotations);
        this.images = images;
    }

    @Override
    public int size() {
        return truth.images().size();
    }

    @Override
    public String name(int index) {
        return images.resolve(truth.images().get(index).fileName()).toString();
    }

    @Override
    public Item read(int index) {
        LabeledImage image = truth.images().get(index);
        Path file = images.resolve(image.fileName()).normalize();
        if (!file.startsWith(images.normalize())) {
            throw new UserError("COCO image file name escapes the images folder: " + image.fileName());
        }
        return new Item(file.toString(), null, DecodedImage.read(file), -1, null, image.id());
    }

    @Override
    public CocoGroundTruth groundTruth() {
        return truth;
    }
}
