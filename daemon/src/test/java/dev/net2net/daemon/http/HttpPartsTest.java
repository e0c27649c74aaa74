package dev.net2net.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.registry.model.Transform;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the lineage routes: entity-tag matching and the words on a lineage edge. */
class HttpPartsTest {
  private static final String TAG = "\"" + "ab".repeat(32) + "\"";

  @Test
  void ifNoneMatchComparesEntityTagsWeaklyAsRfc9110Says() {
    assertThat(ArtifactRoutes.matches(TAG, TAG)).isTrue();
    assertThat(ArtifactRoutes.matches("W/" + TAG, TAG)).isTrue();
    assertThat(ArtifactRoutes.matches("\"other\", " + TAG, TAG)).isTrue();
    assertThat(ArtifactRoutes.matches("\"other\",W/" + TAG + " ", TAG)).isTrue();
    assertThat(ArtifactRoutes.matches("*", TAG)).isTrue();
    assertThat(ArtifactRoutes.matches("\"other\"", TAG)).isFalse();
    assertThat(ArtifactRoutes.matches("", TAG)).isFalse();
    // The tag without its quotes is another tag.
    assertThat(ArtifactRoutes.matches(TAG.replace("\"", ""), TAG)).isFalse();
  }

  @Test
  void edgesSayWhatTheTransformDid() {
    assertThat(TransformLabel.of(Transform.widen("hidden1", 128, 192, 0.0, 1)))
        .isEqualTo("widen hidden1 128->192");
    assertThat(TransformLabel.of(Transform.deepen("conv2", 0.0, 1)))
        .isEqualTo("deepen after conv2");
    assertThat(
            TransformLabel.of(Transform.of(Map.of("kind", "widen-towers", "layer", "inception1"))))
        .isEqualTo("widen-towers inception1");
    assertThat(TransformLabel.of(Transform.of(Map.of("kind", "retrain")))).isEqualTo("retrain");
  }
}
