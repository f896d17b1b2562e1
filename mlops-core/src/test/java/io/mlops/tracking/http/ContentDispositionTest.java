package io.mlops.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Download file names quoted and encoded as RFC 6266 and RFC 8187 say. */
class ContentDispositionTest {
    @Test
    void shouldQuoteEveryName() {
        assertThat(ContentDisposition.attachment("model.onnx"))
                .isEqualTo("attachment; filename=\"model.onnx\"; filename*=UTF-8''model.onnx");
    }

    @Test
    void shouldEscapeQuotesAndBackslashesSoTheNameCannotEndTheParameter() {
        assertThat(ContentDisposition.attachment("a\"; filename=evil.exe"))
                .startsWith("attachment; filename=\"a\\\"; filename=evil.exe\"; ")
                .endsWith("filename*=UTF-8''a%22%3B%20filename%3Devil.exe");
        assertThat(ContentDisposition.attachment("a\\b")).startsWith("attachment; filename=\"a\\\\b\"");
    }

    @Test
    void shouldGiveTheExactNameInUtf8AndAPlainFallback() {
        assertThat(ContentDisposition.attachment("résumé 1.txt"))
                .isEqualTo("attachment; filename=\"r_sum_ 1.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%201.txt");
        assertThat(ContentDisposition.attachment("line\r\nbreak"))
                .doesNotContain("\r")
                .doesNotContain("\n");
    }
}
