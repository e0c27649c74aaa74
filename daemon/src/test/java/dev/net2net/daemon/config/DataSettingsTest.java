package dev.net2net.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.schema.Features;
import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.datasets.schema.TabularShape;
import dev.net2net.datasets.split.Holdout;
import dev.net2net.training.seed.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema, holdout and cnn seed keys, exactly as docs/daemon.md shows them, and their refusals.
 */
class DataSettingsTest {
  @TempDir Path dir;

  private DaemonConfig load(String yaml) throws Exception {
    Path file = dir.resolve("daemon.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file, Map.of("NET2NET_HOME", dir.toString()));
  }

  private void refused(String yaml, String... problems) throws Exception {
    Path file = dir.resolve("daemon.yaml");
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              for (String p : problems) {
                assertThat(e.getMessage()).contains(file + ":" + p);
              }
            });
  }

  @Test
  void theIssuesExampleIsReadAsWritten() throws Exception {
    DaemonConfig config =
        load(
            """
        models:
          - name: wine
            data: incoming/wine
            schema:
              tabular:
                label: cultivar          # the label column's header
                features: all            # every other column, or a list of column names
              classes: [barolo, grignolino, barbera]   # or a count: 3 (labels 0..2 in the data)
            holdout: {fraction: 0.2}
            seed:
              mlp: {hidden: [32], activation: relu, learningRate: 0.01}
          - name: products
            data: incoming/products
            schema:
              image: {height: 32, width: 32, channels: 3}
              classes: 10
            seed:
              mlp: {hidden: [256], activation: relu, learningRate: 0.001}   # or cnn / inception
          - name: photos
            schema:
              image: {height: 64, width: 48, channels: 3, resize: true}
              classes: [cat, dog]
            holdout: {file: heldout.zip}
            seed:
              cnn: {filters: [8, 16], dense: 32, learningRate: 0.002}
          - name: fashion
        """);
    var wine = config.models().get(0);
    assertThat(wine.schema())
        .contains(
            new DatasetSchema(
                new TabularShape("cultivar", Features.all()),
                Classes.named(List.of("barolo", "grignolino", "barbera"))));
    assertThat(wine.holdout()).contains(new Holdout.Fraction(0.2));
    var products = config.models().get(1);
    assertThat(products.schema())
        .contains(new DatasetSchema(new ImageShape(32, 32, 3, false), Classes.counted(10)));
    assertThat(products.holdout())
        .as("a schema without holdout validates on a fifth of every shard")
        .contains(new Holdout.Fraction(0.2));
    var photos = config.models().get(2);
    assertThat(photos.schema().orElseThrow().shape()).isEqualTo(new ImageShape(64, 48, 3, true));
    assertThat(photos.holdout()).contains(new Holdout.File(dir.resolve("heldout.zip")));
    assertThat(photos.seed()).isEqualTo(new Seed.Cnn(List.of(8, 16), 32, 0.002));
    var fashion = config.models().get(3);
    assertThat(fashion.schema()).isEmpty();
    assertThat(fashion.holdout()).isEmpty();
    assertThat(fashion.effectiveSchema()).isEqualTo(DatasetSchema.fashionMnist());
  }

  @Test
  void namedFeaturesAreKeptInOrder() throws Exception {
    DaemonConfig config =
        load(
            """
        models:
          - name: t
            schema: {tabular: {label: y, features: [b, a]}, classes: 2}
        """);
    assertThat(((TabularShape) config.models().get(0).schema().orElseThrow().shape()).features())
        .isEqualTo(Features.named(List.of("b", "a")));
  }

  @Test
  void badSchemasAreRefusedWithFileLineAndColumn() throws Exception {
    refused(
        """
        models:
          - name: t
            schema:
              tabular: {features: all}
              classes: [a]
        """,
        "4:16: schema.tabular needs 'label'",
        "5:16: schema.classes lists 1 class(es); a classifier needs at least 2");
    refused(
        """
        models:
          - name: t
            schema:
              image: {height: 0, width: 32, channels: 2}
              classes: 3
        """,
        "4:23: models[0].schema.image.height must be 1..4096, found 0",
        "4:47: schema.image.channels must be 1 (grey), 3 (RGB) or 4 (RGBA), not 2");
    refused(
        """
        models:
          - name: t
            schema:
              tabular: {label: y, features: [a, y]}
              image: {height: 1, width: 1}
              classes: [a, a]
        """,
        "4:7: schema has both 'tabular' and 'image'",
        "6:20: class 'a' is listed twice");
    refused(
        """
        models:
          - name: t
            schema: {tabular: {label: y, features: 3}, classes: 2}
        """,
        "3:44: schema.tabular.features must be 'all' or a list of column names");
    refused(
        """
        models:
          - name: t
            schema: {image: {width: 3}, klasses: 2}
        """,
        "3:33: unknown key 'models[0].schema.klasses'; did you mean 'classes'?",
        "3:13: schema needs 'classes'",
        "3:21: schema.image needs 'height' (pixels)");
  }

  @Test
  void badHoldoutsAndMismatchedSeedsAreRefused() throws Exception {
    refused(
        """
        models:
          - name: t
            schema: {tabular: {label: y}, classes: 2}
            holdout: {fraction: 1.5}
        """,
        "4:25: models[0].holdout.fraction must be between 0.0 and 1.0, found 1.5");
    refused(
        """
        models:
          - name: t
            holdout: {fraction: 0.1, file: x.csv}
        """,
        "3:14: holdout needs exactly one of 'fraction'");
    refused(
        """
        models:
          - name: t
            schema: {tabular: {label: y}, classes: 2}
            seed: {cnn: {filters: [8]}}
        """,
        "4:11: a cnn seed needs an image schema; this model's schema is tabular (use mlp)");
    refused(
        """
        models:
          - name: t
            schema: {image: {height: 8, width: 8}, classes: 2}
            validation: {fashionMnistTest: 100}
        """,
        "4:17: validation is for models without a schema or holdout");
  }

  @Test
  void aHoldoutWithoutSchemaKeepsFashionShapedData() throws Exception {
    DaemonConfig config =
        load(
            """
        models:
          - name: f
            holdout: {fraction: 0.1}
        """);
    assertThat(config.models().get(0).schema()).isEmpty();
    assertThat(config.models().get(0).holdout()).isEqualTo(Optional.of(new Holdout.Fraction(0.1)));
  }
}
