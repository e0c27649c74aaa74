package dev.net2net.daemon;

import static dev.net2net.daemon.DaemonHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.daemon.config.ConfigLoader;
import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.registry.Registry;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionStatus;
import dev.net2net.registry.shard.ShardStatus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * The daemon on data that is not Fashion-MNIST, configured from YAML as docs/daemon.md describes
 * it: a table with string labels arriving as CSV and then Parquet, and colour images of 12x10
 * arriving as a folder and then a zip. Each grows from its seed once its data grows; the table's
 * normaliser is fitted at the seed and travels unchanged into the grown version; a restart
 * re-ingests nothing and a corrupt cache is rebuilt.
 */
@Tag("slow")
class SchemaEndToEndTest {
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final List<String> WINES = List.of("barolo", "grignolino", "barbera");

  private static String policy(String model) {
    return String.format(
        Locale.ROOT,
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: %s}
        spec:
          model: %s
          rules:
            - name: widen-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action: {widen: {layers: all-hidden, factor: 2}}
          training: {learningRateScale: 0.1, epochs: 1, batchSize: 32}
          promotion: {metric: accuracy, minImprovement: 0.0}
          guards: {cooldown: 1s}
        """,
        model,
        model);
  }

  private static DaemonConfig config(DaemonHarness harness, String model, String modelYaml)
      throws IOException {
    String yaml =
        String.format(
            Locale.ROOT,
            """
        home: %s
        http: {host: 127.0.0.1, port: 0, token: %s}
        database: {url: "%s"}
        policies: %s
        models:
          - name: %s
            data: %s
        %s
            seedTraining: {epochs: 2, batchSize: 32}
        worker: {id: %s-worker, lease: 6s, heartbeat: 1s, poll: 1s}
        evaluation: {interval: 2s}
        watch: {interval: 1s}
        """,
            harness.home(),
            DaemonHarness.TOKEN,
            harness.database().url().url(),
            harness.policyFile(),
            model,
            harness.dataFolder(),
            modelYaml.indent(4).stripTrailing(),
            model);
    Path file = harness.home().resolve("daemon.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file, Map.of());
  }

  /** Wine-like rows: three classes with different means in six features of different scales. */
  private static double[] wine(Random random, int label) {
    double[] x = new double[6];
    for (int j = 0; j < 6; j++) {
      x[j] = (label * 1.5 + random.nextGaussian()) * Math.pow(10, j - 2) + 100 * j;
    }
    return x;
  }

  private static void csv(Path file, int rows, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder b = new StringBuilder("alcohol,malic,ash,cultivar,magnesium,hue,proline\n");
    for (int i = 0; i < rows; i++) {
      int label = random.nextInt(3);
      double[] x = wine(random, label);
      b.append(
          String.format(
              Locale.ROOT,
              "%.5f,%.5f,%.5f,%s,%.5f,%.5f,%.5f%n",
              x[0],
              x[1],
              x[2],
              WINES.get(label),
              x[3],
              x[4],
              x[5]));
    }
    Path partial = file.resolveSibling("." + file.getFileName());
    Files.writeString(partial, b);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void parquet(Path file, int rows, long seed) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message wine { required double alcohol; required double"
                + " malic; required double ash; required binary cultivar (STRING); required float magnesium; required double"
                + " hue; required double proline; }");
    Random random = new Random(seed);
    Path partial = file.resolveSibling("." + file.getFileName());
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(partial))
            .withConf(new org.apache.parquet.conf.PlainParquetConfiguration())
            .withType(schema)
            .build()) {
      for (int i = 0; i < rows; i++) {
        int label = random.nextInt(3);
        double[] x = wine(random, label);
        Group g = groups.newGroup();
        g.add("alcohol", x[0]);
        g.add("malic", x[1]);
        g.add("ash", x[2]);
        g.add("cultivar", WINES.get(label));
        g.add("magnesium", (float) x[3]);
        g.add("hue", x[4]);
        g.add("proline", x[5]);
        writer.write(g);
      }
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Optional<Integer> champion(Registry registry, String model) {
    if (registry.models().find(new ModelName(model)).isEmpty()) {
      return Optional.empty();
    }
    return registry.aliases().resolve(new ModelName(model), AliasName.CHAMPION);
  }

  private static NormalizerStandardize normalizer(Registry registry, VersionRef ref)
      throws Exception {
    return ModelSerializer.restoreNormalizerFromFile(
        registry.versions().verifiedArtifactPath(ref).toFile());
  }

  @Test
  void aTableWithStringLabelsGrowsFromCsvAndParquetAndSurvivesARestart() throws Exception {
    String model = "wine";
    try (DaemonHarness harness = DaemonHarness.create("tabular", policy(model))) {
      String modelYaml =
          """
          schema:
            tabular: {label: cultivar, features: all}
            classes: [barolo, grignolino, barbera]
          holdout: {fraction: 0.2}
          seed:
            mlp: {hidden: [16], activation: relu, learningRate: 0.01}
          """;
      DaemonConfig config = config(harness, model, modelYaml);
      assertThat(config.models().get(0).schema()).isPresent();
      csv(harness.dataFolder().resolve("part-1.csv"), 600, 1);
      Net2NetDaemon daemon = harness.start(config);
      Registry registry = harness.registry();
      await(PATIENCE, "the seed", () -> champion(registry, model).equals(Optional.of(1)));
      NormalizerStandardize seedNormalizer =
          normalizer(registry, new VersionRef(new ModelName(model), 1));
      assertThat(seedNormalizer).as("the seed's zip carries its standardisation").isNotNull();
      assertThat(seedNormalizer.getMean().length()).isEqualTo(6);
      // proline is 1000 * (1.5 * label + noise) + 500: mean 2000, standard error about 72 over ~480
      // training rows
      assertThat(seedNormalizer.getMean().getDouble(5))
          .isCloseTo(2000, org.assertj.core.data.Offset.offset(300.0));

      parquet(harness.dataFolder().resolve("part-2.parquet"), 900, 2);
      await(
          PATIENCE,
          "a grown version",
          () ->
              champion(registry, model).isPresent()
                  && registry.versions().list(new ModelName(model)).size() >= 2);
      await(PATIENCE, "the grown champion", () -> champion(registry, model).equals(Optional.of(2)));
      ModelVersion grown = registry.versions().get(new VersionRef(new ModelName(model), 2));
      assertThat(grown.state().status())
          .as(grown.state().reason().orElse(""))
          .isEqualTo(VersionStatus.READY);
      assertThat(grown.transform().orElseThrow().kind()).isEqualTo("widen");
      assertThat(grown.preservationError().orElseThrow()).isLessThan(1e-4);
      NormalizerStandardize grownNormalizer = normalizer(registry, grown.ref());
      assertThat(grownNormalizer.getMean()).isEqualTo(seedNormalizer.getMean());
      assertThat(grownNormalizer.getStd()).isEqualTo(seedNormalizer.getStd());
      assertThat(
              registry.versions().metrics(grown.ref()).stream()
                  .filter(
                      m ->
                          m.split().equals("validation")
                              && m.name().equals("accuracy")
                              && m.epoch().isEmpty())
                  .findFirst()
                  .orElseThrow()
                  .value())
          .as("three well separated classes")
          .isGreaterThan(0.8);

      var shards = registry.shards().list(model);
      assertThat(shards).hasSize(2).allMatch(s -> s.status() == ShardStatus.INGESTED);
      assertThat(shards.stream().mapToLong(s -> s.rows()).sum()).isEqualTo(1500);
      long rows =
          harness.get(daemon, "/api/models/" + model).body().contains("\"datasetRows\":1500")
              ? 1500
              : -1;
      assertThat(rows).isEqualTo(1500);
      daemon.stop();

      // A damaged cache is found at the restart and converted again from its shard; nothing is
      // re-counted.
      Path cacheDir = harness.home().resolve("cache").resolve(model);
      List<Path> caches;
      try (Stream<Path> files = Files.list(cacheDir)) {
        caches = files.filter(p -> p.toString().endsWith(".cache")).sorted().toList();
      }
      assertThat(caches).hasSize(2);
      try (RandomAccessFile f = new RandomAccessFile(caches.get(0).toFile(), "rw")) {
        f.seek(f.length() - 10);
        f.write(0x55 ^ f.read());
      }
      Net2NetDaemon restarted = harness.start(config);
      await(
          PATIENCE,
          "the data restored",
          () -> {
            try {
              return restarted.httpPort() > 0
                  && harness
                      .get(restarted, "/api/models/" + model)
                      .body()
                      .contains("\"datasetRows\":1500");
            } catch (Exception e) {
              return false;
            }
          });
      CacheFile.openVerified(caches.get(0));
      assertThat(registry.shards().list(model)).hasSize(2);
    }
  }

  private static BufferedImage colourImage(Random random, int label, int width, int height) {
    int[][] means = {{200, 40, 40}, {40, 200, 40}, {40, 40, 200}, {128, 128, 128}};
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) {
          c[k] = Math.max(0, Math.min(255, means[label][k] + (int) (random.nextGaussian() * 40)));
        }
        img.setRGB(x, y, (c[0] << 16) | (c[1] << 8) | c[2]);
      }
    }
    return img;
  }

  private static final List<String> COLOURS = List.of("red", "green", "blue", "grey");

  private static void imageFolder(Path folder, int images, long seed) throws IOException {
    Random random = new Random(seed);
    Path partial = folder.resolveSibling("." + folder.getFileName());
    for (int i = 0; i < images; i++) {
      int label = i % 4;
      Path dir = partial.resolve(COLOURS.get(label));
      Files.createDirectories(dir);
      ImageIO.write(
          colourImage(random, label, 10, 12), "png", dir.resolve("img-" + i + ".png").toFile());
    }
    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void imageZip(Path zip, int images, long seed) throws IOException {
    Random random = new Random(seed);
    Path partial = zip.resolveSibling("." + zip.getFileName());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
      for (int i = 0; i < images; i++) {
        int label = i % 4;
        out.putNextEntry(
            new ZipEntry(COLOURS.get(label) + "/img-" + i + (i % 2 == 0 ? ".png" : ".jpg")));
        ImageIO.write(
            colourImage(random, label, 10, 12), i % 2 == 0 ? "png" : "jpg", (OutputStream) out);
        out.closeEntry();
      }
    }
    Files.move(partial, zip, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void colourImagesOfAnotherSizeGrowFromAFolderAndAZip() throws Exception {
    String model = "colours";
    try (DaemonHarness harness = DaemonHarness.create("images", policy(model))) {
      String modelYaml =
          """
          schema:
            image: {height: 12, width: 10, channels: 3}
            classes: [red, green, blue, grey]
          seed:
            mlp: {hidden: [16], activation: relu, learningRate: 0.001}
          """;
      DaemonConfig config = config(harness, model, modelYaml);
      imageFolder(harness.dataFolder().resolve("batch-1"), 400, 1);
      harness.start(config);
      Registry registry = harness.registry();
      await(PATIENCE, "the seed", () -> champion(registry, model).equals(Optional.of(1)));
      assertThat(normalizer(registry, new VersionRef(new ModelName(model), 1)))
          .as("images are not standardised")
          .isNull();
      imageZip(harness.dataFolder().resolve("batch-2.zip"), 600, 2);
      await(PATIENCE, "the grown champion", () -> champion(registry, model).equals(Optional.of(2)));
      ModelVersion grown = registry.versions().get(new VersionRef(new ModelName(model), 2));
      assertThat(grown.transform().orElseThrow().kind()).isEqualTo("widen");
      assertThat(grown.dataset().rows()).isEqualTo(1000);
      assertThat(
              registry.versions().metrics(grown.ref()).stream()
                  .filter(
                      m ->
                          m.split().equals("validation")
                              && m.name().equals("accuracy")
                              && m.epoch().isEmpty())
                  .findFirst()
                  .orElseThrow()
                  .value())
          .as("four colours")
          .isGreaterThan(0.8);
    }
  }
}
