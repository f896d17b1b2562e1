package io.mlops.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void shouldEscapeEveryCharacterThatCouldOpenMarkupOrCloseAnAttribute() {
        assertThat(Html.escape("<script>alert('x')</script>&\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }

    @Test
    void shouldLeaveOrdinaryTextAsItIsAndNullEmpty() {
        assertThat(Html.escape("mAP50 ≥ 0.6, persons-v2")).isEqualTo("mAP50 ≥ 0.6, persons-v2");
        assertThat(Html.escape(null)).isEmpty();
    }
}
