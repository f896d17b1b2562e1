package io.mlops.agent.batch;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins requests' tensors along the first (batch) dimension and splits a batch's outputs back.
 * Tensors are in the V2 layout (row-major), so rows are contiguous bytes: joining is a byte
 * concatenation, for {@link DataType#BYTES} too, since each element carries its own length.
 */
final class BatchRows {
    private BatchRows() {}

    /**
     * Concatenates the same input of several requests.
     *
     * @param parts the input of each request, all with the same datatype and non-batch dimensions
     * @return one tensor whose first dimension is the sum of theirs, named like the first part
     */
    static Tensor concat(List<Tensor> parts) {
        Tensor first = parts.getFirst();
        if (parts.size() == 1) {
            return first;
        }
        long rows = 0;
        int bytes = 0;
        for (Tensor part : parts) {
            rows += part.shape()[0];
            bytes = Math.addExact(bytes, part.data().remaining());
        }
        ByteBuffer joined = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor part : parts) {
            joined.put(part.data());
        }
        joined.flip();
        long[] shape = first.shape();
        shape[0] = rows;
        return Tensor.of(first.name(), first.datatype(), shape, joined);
    }

    /**
     * Splits a batch's output into consecutive row ranges.
     *
     * @param output the output, whose first dimension is the sum of {@code rows}
     * @param rows each request's number of rows, in batch order
     * @return one tensor per request, sharing the output's bytes
     * @throws IllegalStateException when the output's first dimension is not the batch's rows (a
     *     model whose outputs are not per row cannot be batched)
     */
    static List<Tensor> split(Tensor output, int[] rows) {
        long[] shape = output.shape();
        long total = 0;
        for (int r : rows) {
            total += r;
        }
        if (shape.length == 0 || shape[0] != total) {
            throw new IllegalStateException("output '" + output.name() + "' has shape "
                    + java.util.Arrays.toString(shape) + ", not " + total + " rows, so it cannot be split by request");
        }
        long elementsPerRow = Tensor.elementCount(output.name(), shape) / Math.max(1, total);
        ByteBuffer data = output.data();
        List<Tensor> parts = new ArrayList<>(rows.length);
        int start = 0;
        for (int r : rows) {
            int end = output.datatype() == DataType.BYTES
                    ? skipByteStrings(data, start, r * elementsPerRow)
                    : start
                            + Math.toIntExact(
                                    r * elementsPerRow * output.datatype().elementSize());
            long[] partShape = shape.clone();
            partShape[0] = r;
            parts.add(Tensor.of(output.name(), output.datatype(), partShape, data.slice(start, end - start)));
            start = end;
        }
        return parts;
    }

    private static int skipByteStrings(ByteBuffer data, int start, long elements) {
        int position = start;
        for (long i = 0; i < elements; i++) {
            position += 4 + data.getInt(position);
        }
        return position;
    }
}
