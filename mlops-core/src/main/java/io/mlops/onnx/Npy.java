package io.mlops.onnx;

import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads NumPy's .npy format (version 1 to 3) and .npz archives of them, as numpy.save and
 * numpy.savez write them: the interchange format between the Python converters, user data and the
 * suite.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])([a-zA-Z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * Reads one .npy file.
     *
     * @param file the file
     * @return the array
     * @throws UserError when the file is missing or not in .npy format
     */
    public static NdArray read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every array of a .npz archive, in archive order, named without the {@code .npy} suffix.
     *
     * @param file the archive
     * @return arrays by name
     * @throws UserError when the archive is missing or holds something else than .npy entries
     */
    public static Map<String, NdArray> readArchive(Path file) {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".npy")) {
                    throw new UserError(file + " is not a NumPy .npz archive: it holds " + name);
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(name.substring(0, name.length() - 4), read(in, file + "!" + name));
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " as a NumPy .npz archive: " + e.getMessage(), e);
        }
        return arrays;
    }

    /**
     * Reads a .npy stream.
     *
     * @param in the stream, positioned at the magic string
     * @param where the file name for messages
     * @return the array
     * @throws IOException when reading fails
     */
    public static NdArray read(InputStream in, String where) throws IOException {
        byte[] magic = in.readNBytes(8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic.length < 8 || magic[i] != MAGIC[i]) {
                throw new UserError(where + " is not a NumPy .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = magic[6];
        int headerLength;
        if (major == 1) {
            headerLength = ByteBuffer.wrap(in.readNBytes(2))
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getShort()
                    & 0xffff;
        } else {
            headerLength = ByteBuffer.wrap(in.readNBytes(4))
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getInt();
        }
        String header = new String(in.readNBytes(headerLength), StandardCharsets.UTF_8);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw new UserError(where + ": unsupported .npy header " + header.strip()
                    + " (object arrays and structured dtypes cannot be read)");
        }
        ByteOrder order = ">".equals(descr.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String kind = descr.group(2);
        ElementType type = ElementType.ofNumpy(kind);
        long[] shape = parseShape(shapeText.group(1));
        long count = NdArray.count(shape);
        if (count > Integer.MAX_VALUE) {
            throw new UserError(where + ": array of " + count + " elements is too large to read at once");
        }
        int n = (int) count;
        if (type == ElementType.STRING) {
            int chars = Integer.parseInt(kind.substring(1));
            ByteBuffer data = ByteBuffer.wrap(in.readNBytes(n * chars * 4)).order(order);
            checkLength(data, (long) n * chars * 4, where);
            String[] strings = new String[n];
            for (int i = 0; i < n; i++) {
                StringBuilder s = new StringBuilder();
                for (int c = 0; c < chars; c++) {
                    int codePoint = data.getInt();
                    if (codePoint != 0) {
                        s.appendCodePoint(codePoint);
                    }
                }
                strings[i] = s.toString();
            }
            return new NdArray(type, shape, null, strings);
        }
        ByteBuffer data = ByteBuffer.wrap(in.readNBytes(n * type.bytes())).order(order);
        checkLength(data, (long) n * type.bytes(), where);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (type) {
                case FLOAT32 -> data.getFloat();
                case FLOAT64 -> data.getDouble();
                case FLOAT16 -> Float.float16ToFloat(data.getShort());
                case INT64 -> data.getLong();
                case INT32 -> data.getInt();
                case INT16 -> data.getShort();
                case INT8 -> data.get();
                case UINT8 -> data.get() & 0xff;
                case BOOL -> data.get() != 0 ? 1 : 0;
                case STRING -> throw new IllegalStateException("strings are read above");
            };
        }
        if ("True".equals(fortran.group(1))) {
            values = toRowMajor(values, shape);
        }
        return NdArray.of(type, shape, values);
    }

    private static void checkLength(ByteBuffer data, long expected, String where) {
        if (data.remaining() != expected) {
            throw new UserError(
                    where + " is truncated: " + data.remaining() + " of " + expected + " data bytes present");
        }
    }

    private static long[] parseShape(String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.strip()));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    // Fortran order stores the first index fastest; the suite works in C (row-major) order.
    private static double[] toRowMajor(double[] columnMajor, long[] shape) {
        double[] rowMajor = new double[columnMajor.length];
        int dims = shape.length;
        long[] index = new long[dims];
        for (int flat = 0; flat < columnMajor.length; flat++) {
            long rest = flat;
            for (int d = 0; d < dims; d++) {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            long row = 0;
            for (int d = 0; d < dims; d++) {
                row = row * shape[d] + index[d];
            }
            rowMajor[(int) row] = columnMajor[flat];
        }
        return rowMajor;
    }
}
