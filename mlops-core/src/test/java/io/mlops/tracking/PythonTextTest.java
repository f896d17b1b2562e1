package io.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values are what CPython 3.11 prints for the same input. */
class PythonTextTest {
    @Test
    void shouldNormalizeLikePosixpath() {
        assertThat(PythonText.normpath("a/../b")).isEqualTo("b");
        assertThat(PythonText.normpath("a//b/./c/")).isEqualTo("a/b/c");
        assertThat(PythonText.normpath("../x")).isEqualTo("../x");
        assertThat(PythonText.normpath("/../x")).isEqualTo("/x");
        assertThat(PythonText.normpath("//x")).isEqualTo("//x");
        assertThat(PythonText.normpath("///x")).isEqualTo("/x");
        assertThat(PythonText.normpath("")).isEqualTo(".");
        assertThat(PythonText.normpath("a/..")).isEqualTo(".");
    }

    @Test
    void shouldQuoteLikeReprAndJsonDumps() {
        assertThat(PythonText.repr("abc")).isEqualTo("'abc'");
        assertThat(PythonText.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonText.repr("a'b\"c")).isEqualTo("'a\\'b\"c'");
        assertThat(PythonText.jsonDumps("caf\u00e9 \"x\"\n")).isEqualTo("\"caf\\u00e9 \\\"x\\\"\\n\"");
        assertThat(PythonText.str(Double.NaN)).isEqualTo("nan");
        assertThat(PythonText.str(2.5)).isEqualTo("2.5");
    }
}
