package io.mlops.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A range of a file as a stream, for one part of a multipart upload (read again on a retry). */
final class FileSlice extends InputStream {
    private final FileChannel channel;
    private final InputStream in;
    private long left;

    private FileSlice(FileChannel channel, long length) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.left = length;
    }

    /**
     * Opens a range.
     *
     * @param file the file
     * @param offset where the range starts
     * @param length how many bytes it has
     * @return the stream
     */
    static InputStream open(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new FileSlice(channel, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
