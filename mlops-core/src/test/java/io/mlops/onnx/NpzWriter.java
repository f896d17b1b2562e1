package io.mlops.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes .npy and .npz files for tests (numpy.save's format 1.0), so fixtures made in Java reach Python. */
public final class NpzWriter {
    private NpzWriter() {}

    /**
     * Writes an .npz archive.
     *
     * @param file the archive
     * @param arrays arrays by name
     */
    public static void write(Path file, Map<String, NdArray> arrays) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var entry : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey() + ".npy"));
                zip.write(npy(entry.getValue()));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one .npy file.
     *
     * @param file the file
     * @param array the array
     */
    public static void writeNpy(Path file, NdArray array) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(npy(array));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] npy(NdArray array) {
        String descr = switch (array.type()) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case UINT8 -> "|u1";
            default -> throw new IllegalArgumentException("not needed in tests: " + array.type());
        };
        StringBuilder shape = new StringBuilder("(");
        for (long d : array.shape()) {
            shape.append(d).append(", ");
        }
        if (array.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (array.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) header.length())
                .array());
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data =
                ByteBuffer.allocate(array.size() * array.type().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : array.numbers()) {
            switch (array.type()) {
                case FLOAT32 -> data.putFloat((float) v);
                case FLOAT64 -> data.putDouble(v);
                case INT64 -> data.putLong((long) v);
                case INT32 -> data.putInt((int) v);
                default -> data.put((byte) v);
            }
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
