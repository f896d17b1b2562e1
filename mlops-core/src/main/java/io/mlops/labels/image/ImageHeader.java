package io.mlops.labels.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image's size from its file header without decoding the pixels.
 *
 * <p>Validating a dataset opens every image: decoding would cost milliseconds and megabytes per
 * image, the header costs a few hundred bytes. PNG, JPEG, GIF, BMP and WebP headers are parsed
 * here from their specifications; any other format goes to the header-only path of a
 * javax.imageio reader (TIFF, for one). The size is the stored pixel array's: an EXIF orientation
 * tag is not applied, as COCO and Pascal VOC tools do not apply it either.
 */
public final class ImageHeader {
    private static final int PREFIX = 32;

    private ImageHeader() {}

    /**
     * Reads the size of an image file.
     *
     * @param file the image
     * @return the size, or empty when the format is not recognised or the header is damaged
     * @throws IOException when the file cannot be read (including when it does not exist)
     */
    public static Optional<ImageSize> read(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer head = ByteBuffer.allocate(PREFIX);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // a channel may return fewer bytes than asked; read until the prefix is full or EOF
            }
            head.flip();
            Optional<ImageSize> size;
            if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                size = png(head);
            } else if (startsWith(head, 0xFF, 0xD8)) {
                size = jpeg(channel);
            } else if (startsWith(head, 'G', 'I', 'F', '8')) {
                size = gif(head);
            } else if (startsWith(head, 'B', 'M')) {
                size = bmp(head);
            } else if (startsWith(head, 'R', 'I', 'F', 'F') && ascii(head, 8, 4).equals("WEBP")) {
                size = webp(head);
            } else {
                size = Optional.empty();
            }
            return size.isPresent() ? size : viaImageIo(file);
        }
    }

    /** PNG: the IHDR chunk comes first, width and height big-endian at bytes 16 and 20. */
    private static Optional<ImageSize> png(ByteBuffer head) {
        if (head.limit() < 24 || !ascii(head, 12, 4).equals("IHDR")) {
            return Optional.empty();
        }
        return size(head.getInt(16), head.getInt(20));
    }

    /**
     * JPEG (ITU T.81, Annex B): walk the marker segments to the first start-of-frame; its
     * payload holds precision, height, width. Segments before it (EXIF, ICC) are skipped by length.
     */
    private static Optional<ImageSize> jpeg(SeekableByteChannel channel) throws IOException {
        long position = 2;
        ByteBuffer buffer = ByteBuffer.allocate(7); // length, precision, height, width
        while (true) {
            channel.position(position);
            int marker = nextMarker(channel);
            if (marker < 0 || marker == 0xD9 || marker == 0xDA) {
                return Optional.empty();
            }
            position = channel.position();
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue;
            }
            buffer.clear();
            if (!readFully(channel, buffer)) {
                return Optional.empty();
            }
            int length = buffer.getShort(0) & 0xFFFF;
            boolean startOfFrame =
                    marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                return size(buffer.getShort(5) & 0xFFFF, buffer.getShort(3) & 0xFFFF);
            }
            if (length < 2) {
                return Optional.empty();
            }
            position += length;
        }
    }

    private static int nextMarker(SeekableByteChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int previous = 0;
        while (true) {
            one.clear();
            if (channel.read(one) <= 0) {
                return -1;
            }
            int value = one.get(0) & 0xFF;
            // 0xFF may repeat as fill bytes before a marker code
            if (previous == 0xFF && value != 0xFF && value != 0x00) {
                return value;
            }
            previous = value;
        }
    }

    /** GIF (GIF89a specification, logical screen descriptor): little-endian at bytes 6 and 8. */
    private static Optional<ImageSize> gif(ByteBuffer head) {
        if (head.limit() < 10) {
            return Optional.empty();
        }
        ByteBuffer le = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return size(le.getShort(6) & 0xFFFF, le.getShort(8) & 0xFFFF);
    }

    /**
     * BMP: after the 14-byte file header, a DIB header whose size tells its kind; the old OS/2
     * header has 16-bit sizes, the others 32-bit, with a negative height for top-down rows.
     */
    private static Optional<ImageSize> bmp(ByteBuffer head) {
        if (head.limit() < 26) {
            return Optional.empty();
        }
        ByteBuffer le = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int dibSize = le.getInt(14);
        if (dibSize == 12) {
            return size(le.getShort(18) & 0xFFFF, le.getShort(20) & 0xFFFF);
        }
        return size(le.getInt(18), Math.abs(le.getInt(22)));
    }

    /**
     * WebP (RFC 9649): the first chunk says lossy (VP8, 14-bit sizes in the frame header),
     * lossless (VP8L, 14-bit sizes minus one after the 0x2F signature) or extended (VP8X, 24-bit
     * canvas sizes minus one).
     */
    private static Optional<ImageSize> webp(ByteBuffer head) {
        if (head.limit() < 30) {
            return Optional.empty();
        }
        ByteBuffer le = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        String chunk = ascii(head, 12, 4);
        switch (chunk) {
            case "VP8 " -> {
                boolean startCode =
                        (head.get(23) & 0xFF) == 0x9D && (head.get(24) & 0xFF) == 0x01 && (head.get(25) & 0xFF) == 0x2A;
                return startCode ? size(le.getShort(26) & 0x3FFF, le.getShort(28) & 0x3FFF) : Optional.empty();
            }
            case "VP8L" -> {
                if ((head.get(20) & 0xFF) != 0x2F) {
                    return Optional.empty();
                }
                int bits = le.getInt(21);
                return size((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                return size(uint24(head, 24) + 1, uint24(head, 27) + 1);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<ImageSize> viaImageIo(Path file) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            if (input == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                return size(reader.getWidth(0), reader.getHeight(0));
            } catch (IOException | RuntimeException e) {
                // a damaged header is reported as an unreadable size by the caller, not as a crash
                return Optional.empty();
            } finally {
                reader.dispose();
            }
        }
    }

    private static boolean readFully(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) <= 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<ImageSize> size(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new ImageSize(width, height)) : Optional.empty();
    }

    private static boolean startsWith(ByteBuffer head, int... bytes) {
        if (head.limit() < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head.get(i) & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(ByteBuffer head, int offset, int length) {
        if (head.limit() < offset + length) {
            return "";
        }
        byte[] bytes = new byte[length];
        head.get(offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static int uint24(ByteBuffer head, int offset) {
        return (head.get(offset) & 0xFF) | (head.get(offset + 1) & 0xFF) << 8 | (head.get(offset + 2) & 0xFF) << 16;
    }
}
