package io.mlops.image;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A fast path for the PNG files evaluation sets are made of: 8-bit gray, gray+alpha, RGB, RGBA
 * or palette, not interlaced. ImageIO's general decoder takes several times as long per small
 * image, which made decoding, not the model, the bottleneck of image evaluation. Anything else
 * (16-bit, interlaced, bad CRC) returns null and goes to ImageIO.
 */
final class PngDecoder {
    private static final long SIGNATURE = 0x89504E470D0A1A0AL;

    private PngDecoder() {}

    /**
     * Decodes a PNG file's bytes.
     *
     * @param bytes the file
     * @return the image, or null when this fast path does not handle the file
     */
    static DecodedImage decode(byte[] bytes) {
        try {
            return decodeOrNull(bytes);
        } catch (RuntimeException | DataFormatException e) {
            return null;
        }
    }

    private static DecodedImage decodeOrNull(byte[] bytes) throws DataFormatException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || in.getLong() != SIGNATURE) {
            return null;
        }
        int width = 0;
        int height = 0;
        int channels = 0;
        byte[] palette = null;
        Inflater inflater = new Inflater();
        byte[] raw = null;
        int inflated = 0;
        CRC32 crc = new CRC32();
        try {
            while (in.remaining() >= 12) {
                int length = in.getInt();
                int typeAt = in.position();
                int type = in.getInt();
                if (length < 0 || length > in.remaining() - 4) {
                    return null;
                }
                crc.reset();
                crc.update(bytes, typeAt, 4 + length);
                int dataAt = in.position();
                in.position(dataAt + length);
                if ((int) crc.getValue() != in.getInt()) {
                    return null;
                }
                switch (type) {
                    case 0x49484452 -> { // IHDR
                        ByteBuffer h = ByteBuffer.wrap(bytes, dataAt, length);
                        width = h.getInt();
                        height = h.getInt();
                        int depth = h.get();
                        int color = h.get();
                        h.get();
                        h.get();
                        int interlace = h.get();
                        channels = switch (color) {
                            case 0, 3 -> 1;
                            case 2 -> 3;
                            case 4 -> 2;
                            case 6 -> 4;
                            default -> -1;
                        };
                        if (depth != 8
                                || interlace != 0
                                || channels < 0
                                || width <= 0
                                || height <= 0
                                || (long) width * height > 1 << 28) {
                            return null;
                        }
                        palette = color == 3 ? new byte[0] : null;
                        raw = new byte[(width * channels + 1) * height];
                    }
                    case 0x504C5445 -> { // PLTE
                        palette = java.util.Arrays.copyOfRange(bytes, dataAt, dataAt + length);
                    }
                    case 0x49444154 -> { // IDAT
                        if (raw == null) {
                            return null;
                        }
                        inflater.setInput(bytes, dataAt, length);
                        while (!inflater.needsInput() && inflated < raw.length) {
                            int n = inflater.inflate(raw, inflated, raw.length - inflated);
                            if (n == 0 && (inflater.finished() || inflater.needsDictionary())) {
                                break;
                            }
                            inflated += n;
                        }
                    }
                    case 0x49454E44 -> { // IEND
                        return raw == null || inflated != raw.length
                                ? null
                                : unfilter(raw, width, height, channels, palette);
                    }
                    default -> {
                        // ancillary chunks (gamma, text, ...) do not change 8-bit pixel values here
                    }
                }
            }
            return null;
        } finally {
            inflater.end();
        }
    }

    // Reconstructs the scanlines in place (one loop per filter type, no branch per byte), then
    // expands them to RGB.
    private static DecodedImage unfilter(byte[] raw, int width, int height, int channels, byte[] palette) {
        int stride = width * channels;
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int at = y * (stride + 1) + 1;
            int up = at - stride - 1;
            int filter = raw[at - 1];
            switch (filter) {
                case 0 -> {}
                case 1 -> {
                    for (int i = channels; i < stride; i++) {
                        raw[at + i] += raw[at + i - channels];
                    }
                }
                case 2 -> {
                    if (y > 0) {
                        for (int i = 0; i < stride; i++) {
                            raw[at + i] += raw[up + i];
                        }
                    }
                }
                case 3 -> {
                    for (int i = 0; i < stride; i++) {
                        int left = i >= channels ? raw[at + i - channels] & 0xff : 0;
                        int above = y > 0 ? raw[up + i] & 0xff : 0;
                        raw[at + i] += (byte) ((left + above) >>> 1);
                    }
                }
                case 4 -> {
                    for (int i = 0; i < stride; i++) {
                        int left = i >= channels ? raw[at + i - channels] & 0xff : 0;
                        int above = y > 0 ? raw[up + i] & 0xff : 0;
                        int upLeft = i >= channels && y > 0 ? raw[up + i - channels] & 0xff : 0;
                        raw[at + i] += (byte) paeth(left, above, upLeft);
                    }
                }
                default -> throw new IllegalArgumentException("PNG filter " + filter);
            }
            int out = y * width * 3;
            if (palette == null && channels == 3) {
                System.arraycopy(raw, at, rgb, out, stride);
                continue;
            }
            for (int x = 0; x < width; x++) {
                int p = at + x * channels;
                if (palette != null) {
                    int index = (raw[p] & 0xff) * 3;
                    rgb[out++] = palette[index];
                    rgb[out++] = palette[index + 1];
                    rgb[out++] = palette[index + 2];
                } else if (channels <= 2) {
                    rgb[out++] = raw[p];
                    rgb[out++] = raw[p];
                    rgb[out++] = raw[p];
                } else {
                    rgb[out++] = raw[p];
                    rgb[out++] = raw[p + 1];
                    rgb[out++] = raw[p + 2];
                }
            }
        }
        return new DecodedImage(width, height, rgb);
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
