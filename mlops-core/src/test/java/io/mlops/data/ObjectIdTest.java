package io.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import org.junit.jupiter.api.Test;

class ObjectIdTest {
    @Test
    void shouldParseFileAndDirectoryIds() {
        ObjectId dir = ObjectId.parse("417ddb2caa0a7ffa9453a16a43997ea9.dir");
        ObjectId file = ObjectId.parse("b1946ac92492d2347c6235b4d2611184");

        assertThat(dir.directory()).isTrue();
        assertThat(dir.cachePath()).isEqualTo("files/md5/41/7ddb2caa0a7ffa9453a16a43997ea9.dir");
        assertThat(file.directory()).isFalse();
        assertThat(file.cachePath()).isEqualTo("files/md5/b1/946ac92492d2347c6235b4d2611184");
        assertThat(ObjectId.parse(dir.toString())).isEqualTo(dir).hasSameHashCodeAs(dir);
        assertThat(dir).isNotEqualTo(new ObjectId(dir.md5(), false));
    }

    @Test
    void shouldRejectWhatIsNotAnMd5() {
        assertThatThrownBy(() -> ObjectId.parse("../../etc/passwd")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> ObjectId.parse("B1946AC92492D2347C6235B4D2611184"))
                .isInstanceOf(UserError.class);
        assertThatThrownBy(() -> new ObjectId("abc", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
