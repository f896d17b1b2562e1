package io.mlops.image;

import io.mlops.error.UserError;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An image decoded to 8-bit RGB, row-major, three bytes per pixel.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param rgb the pixels
 */
public record DecodedImage(int width, int height, byte[] rgb) {
    /** Checks the pixel count. */
    public DecodedImage {
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " image needs " + width * height * 3 + " bytes");
        }
    }

    /**
     * Decodes a PNG, JPEG, BMP or GIF file (common PNGs through a fast path, the rest through ImageIO).
     *
     * @param file the file
     * @return the image
     * @throws UserError naming the file when it cannot be decoded
     */
    public static DecodedImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError("cannot decode image " + file + ": " + e.getMessage(), e);
        }
        return decode(bytes, "image " + file, Long.MAX_VALUE);
    }

    /**
     * Decodes the bytes of a PNG, JPEG, BMP or GIF image, refusing one with more pixels than allowed
     * before its pixels are allocated (a small file may declare a huge image).
     *
     * @param bytes the encoded image
     * @param what names the image in messages, e.g. {@code "image of task 7"}
     * @param maxPixels the most pixels (width times height) accepted
     * @return the image
     * @throws UserError naming {@code what} when it cannot be decoded or is too large
     */
    public static DecodedImage decode(byte[] bytes, String what, long maxPixels) {
        BufferedImage image;
        try {
            DecodedImage png = PngDecoder.decode(bytes);
            if (png != null) {
                if ((long) png.width() * png.height() > maxPixels) {
                    throw tooLarge(what, png.width(), png.height(), maxPixels);
                }
                return png;
            }
            // in memory: ImageIO.read(InputStream) would spool each image to a temporary file
            image = readChecked(bytes, what, maxPixels);
        } catch (UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot decode " + what + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new UserError("cannot decode " + what + ": not a PNG, JPEG, BMP or GIF file");
        }
        return of(image);
    }

    private static BufferedImage readChecked(byte[] bytes, String what, long maxPixels) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw tooLarge(what, width, height, maxPixels);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static UserError tooLarge(String what, int width, int height, long maxPixels) {
        return new UserError(
                what + " is " + width + "x" + height + " pixels, more than the " + maxPixels + " pixels accepted");
    }

    /**
     * Converts a Java image, reading the raster directly for the common byte layouts.
     *
     * @param image the image
     * @return its RGB pixels
     */
    public static DecodedImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int type = image.getType();
        if ((type == BufferedImage.TYPE_3BYTE_BGR
                        || type == BufferedImage.TYPE_BYTE_GRAY
                        || type == BufferedImage.TYPE_4BYTE_ABGR)
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getParent() == null) {
            byte[] data = buffer.getData();
            int channels = type == BufferedImage.TYPE_BYTE_GRAY ? 1 : type == BufferedImage.TYPE_3BYTE_BGR ? 3 : 4;
            for (int p = 0, n = w * h; p < n; p++) {
                int s = p * channels;
                if (channels == 1) {
                    rgb[p * 3] = rgb[p * 3 + 1] = rgb[p * 3 + 2] = data[s];
                } else {
                    int o = channels == 4 ? 1 : 0; // ABGR: skip alpha
                    rgb[p * 3] = data[s + o + 2];
                    rgb[p * 3 + 1] = data[s + o + 1];
                    rgb[p * 3 + 2] = data[s + o];
                }
            }
            return new DecodedImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                rgb[p] = (byte) (row[x] >> 16);
                rgb[p + 1] = (byte) (row[x] >> 8);
                rgb[p + 2] = (byte) row[x];
            }
        }
        return new DecodedImage(w, h, rgb);
    }

    // a record compares arrays by identity; these compare their contents
    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedImage that
                && width == that.width
                && height == that.height
                && Arrays.equals(rgb, that.rgb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height) * 31 + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + "]";
    }
}
