package io.mlops.labels.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.labels.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Image sizes from headers, checked against files the JDK's own ImageIO writers produce and, for
 * WebP (which ImageIO cannot write), against headers built byte by byte from RFC 9649.
 */
class ImageHeaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "gif", "bmp", "tif"})
    void shouldReadTheSizeOfImagesTheJdkWrites(String extension) throws IOException {
        Path image = Fixtures.image(dir.resolve("a." + extension), 321, 123);

        assertThat(ImageHeader.read(image)).contains(new ImageSize(321, 123));
    }

    @Test
    void shouldSkipExifAndIccSegmentsBeforeTheJpegFrameHeader() throws IOException {
        byte[] jpeg = Files.readAllBytes(Fixtures.image(dir.resolve("plain.jpg"), 640, 480));
        byte[] app1 = segment(0xE1, 30_000);
        byte[] app2 = segment(0xE2, 20_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(app1);
        out.write(app2);
        out.write(jpeg, 2, jpeg.length - 2);
        Path file = Files.write(dir.resolve("exif.jpg"), out.toByteArray());

        assertThat(ImageHeader.read(file)).contains(new ImageSize(640, 480));
    }

    @Test
    void shouldReadLosslessWebp() throws IOException {
        ByteBuffer header = riff("VP8L", 5);
        header.put(20, (byte) 0x2F);
        header.putInt(21, (1000 - 1) | (750 - 1) << 14);
        Path file = Files.write(dir.resolve("a.webp"), header.array());

        assertThat(ImageHeader.read(file)).contains(new ImageSize(1000, 750));
    }

    @Test
    void shouldReadExtendedWebp() throws IOException {
        ByteBuffer header = riff("VP8X", 10);
        putUint24(header, 24, 4096 - 1);
        putUint24(header, 27, 3000 - 1);
        Path file = Files.write(dir.resolve("b.webp"), header.array());

        assertThat(ImageHeader.read(file)).contains(new ImageSize(4096, 3000));
    }

    @Test
    void shouldReadLossyWebp() throws IOException {
        ByteBuffer header = riff("VP8 ", 10);
        header.put(23, (byte) 0x9D).put(24, (byte) 0x01).put(25, (byte) 0x2A);
        header.putShort(26, (short) 550);
        header.putShort(28, (short) 368);
        Path file = Files.write(dir.resolve("c.webp"), header.array());

        assertThat(ImageHeader.read(file)).contains(new ImageSize(550, 368));
    }

    @Test
    void shouldReturnNothingForAFileThatIsNoImage() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "just some text, not a picture");

        assertThat(ImageHeader.read(file)).isEmpty();
    }

    @Test
    void shouldReturnNothingForATruncatedPng() throws IOException {
        byte[] png = Files.readAllBytes(Fixtures.image(dir.resolve("whole.png"), 10, 10));
        Path file = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, 14));

        assertThat(ImageHeader.read(file)).isEmpty();
    }

    @Test
    void shouldSayWhenTheFileIsMissing() {
        assertThatThrownBy(() -> ImageHeader.read(dir.resolve("missing.png"))).isInstanceOf(NoSuchFileException.class);
    }

    private static byte[] segment(int marker, int length) {
        byte[] segment = new byte[length + 2];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        return segment;
    }

    private static ByteBuffer riff(String chunk, int payload) {
        ByteBuffer header = ByteBuffer.allocate(20 + payload + 10).order(ByteOrder.LITTLE_ENDIAN);
        header.put(0, "RIFF".getBytes(StandardCharsets.US_ASCII));
        header.putInt(4, header.capacity() - 8);
        header.put(8, "WEBP".getBytes(StandardCharsets.US_ASCII));
        header.put(12, chunk.getBytes(StandardCharsets.US_ASCII));
        header.putInt(16, payload);
        return header;
    }

    private static void putUint24(ByteBuffer buffer, int offset, int value) {
        buffer.put(offset, (byte) value);
        buffer.put(offset + 1, (byte) (value >> 8));
        buffer.put(offset + 2, (byte) (value >> 16));
    }
}
