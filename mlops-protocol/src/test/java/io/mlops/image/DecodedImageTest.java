package io.mlops.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedImageTest {
    @TempDir
    Path tmp;

    @Test
    void shouldDecodePngsExactlyAsImageIoDoes() throws IOException {
        Random random = new Random(4);
        for (int type : new int[] {
            BufferedImage.TYPE_INT_RGB,
            BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_BYTE_INDEXED,
            BufferedImage.TYPE_3BYTE_BGR
        }) {
            BufferedImage image = new BufferedImage(37, 23, type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    // smooth areas and noise, so that every PNG filter type gets used
                    image.setRGB(x, y, x < 18 ? (x * 7) << 16 | (y * 11) << 8 | 128 : random.nextInt());
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);

            DecodedImage fast = PngDecoder.decode(png.toByteArray());
            DecodedImage reference = DecodedImage.of(ImageIO.read(new java.io.ByteArrayInputStream(png.toByteArray())));

            assertThat(fast).as("image type " + type).isNotNull();
            assertThat(fast.rgb()).as("image type " + type).isEqualTo(reference.rgb());
        }
    }

    @Test
    void shouldNameAFileThatIsNoImage() throws IOException {
        Path broken = Files.write(tmp.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

        assertThatThrownBy(() -> DecodedImage.read(broken))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot decode image " + broken);
    }

    @Test
    void shouldLetterboxAndMapCoordinatesBack() {
        DecodedImage wide = new DecodedImage(200, 100, new byte[200 * 100 * 3]);
        Preprocessing letterbox = new Preprocessing(
                null,
                null,
                List.of(64, 64),
                114,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        ImageTransform.Result result = new ImageTransform(letterbox, 64, 64).apply(wide);

        assertThat(result.values()).hasSize(3 * 64 * 64);
        assertThat(result.values()[0])
                .as("padding")
                .isCloseTo(114f / 255f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(result.values()[32 * 64]).as("image").isZero();
        assertThat(result.geometry().originalX(32)).isEqualTo(100);
        assertThat(result.geometry().originalY(16)).isZero();
    }

    @Test
    void shouldResizeCropAndNormalizeLikeTorchvision() {
        byte[] gray = new byte[10 * 10 * 3];
        java.util.Arrays.fill(gray, (byte) 255);
        Preprocessing p = new Preprocessing(
                List.of(8),
                List.of(6, 6),
                null,
                null,
                null,
                List.of(0.5, 0.5, 0.5),
                List.of(0.25, 0.25, 0.25),
                "BGR",
                "NHWC",
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        ImageTransform.Result result = new ImageTransform(p, 6, 6).apply(new DecodedImage(10, 10, gray));

        assertThat(result.values()).hasSize(6 * 6 * 3).containsOnly(2.0f);
        assertThat(result.geometry().scaleX()).isEqualTo(0.8);
        assertThat(result.geometry().offsetX()).isEqualTo(-1);
    }
}
