package io.mlops.agent.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the box control of a Label Studio labeling config, and mapping model classes to its labels. */
class LabelingConfigTest {
    @Test
    void shouldFindTheRectangleLabelsOnTheirImage() {
        LabelingConfig config = LabelingConfig.parse("""
                <View>
                  <Image name="other" value="$thumb"/>
                  <Choices name="quality" toName="photo"><Choice value="ok"/></Choices>
                  <Image name="photo" value="$image"/>
                  <RectangleLabels name="label" toName="photo">
                    <Label value="Person" background="red"/>
                    <Label value="Vehicle" predicted_values="car, truck"/>
                  </RectangleLabels>
                </View>""");

        assertThat(config.fromName()).isEqualTo("label");
        assertThat(config.toName()).isEqualTo("photo");
        assertThat(config.dataKey()).isEqualTo("image");
        assertThat(config.labels()).isEqualTo(List.of("Person", "Vehicle"));
        assertThat(config.labelFor("Person")).isEqualTo("Person");
        assertThat(config.labelFor("person")).isEqualTo("Person");
        assertThat(config.labelFor("truck")).isEqualTo("Vehicle");
        assertThat(config.labelFor("dog")).isNull();
    }

    @Test
    void shouldRefuseConfigsWithoutBoxesOrWithEntities() {
        assertThatThrownBy(() -> LabelingConfig.parse(
                        "<View><Image name='i' value='$image'/><Choices name='c' toName='i'/></View>"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no RectangleLabels control on an Image");
        assertThatThrownBy(() -> LabelingConfig.parse("<View><Image"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("not well-formed XML");
        // a config comes from the network: an external entity must not be read
        assertThatThrownBy(() -> LabelingConfig.parse("<!DOCTYPE v [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<View><Image name='i' value='$image'/><RectangleLabels name='r' toName='i'>"
                        + "<Label value='&x;'/></RectangleLabels></View>"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("not well-formed XML");
        assertThatThrownBy(() -> LabelingConfig.parse(null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no labeling config");
    }
}
