package io.mlops.cli.track;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a tracked command prints, decoded as UTF-8 onto the CLI's writers; a character split
 * between two reads is kept until its last byte arrives.
 */
final class WriterStream extends OutputStream {
    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(16 * 1024);
    private final CharBuffer chars = CharBuffer.allocate(16 * 1024);

    WriterStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int chunk = Math.min(pending.remaining(), end - position);
            pending.put(bytes, position, chunk);
            position += chunk;
            pending.flip();
            decoder.decode(pending, chars, false);
            pending.compact();
            chars.flip();
            writer.append(chars);
            chars.clear();
        }
    }

    @Override
    public synchronized void flush() {
        writer.flush();
    }
}
