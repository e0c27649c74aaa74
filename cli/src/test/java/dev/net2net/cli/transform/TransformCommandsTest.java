package dev.net2net.cli.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.net2net.cli.CliRun;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Nets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

/** The transform commands on model files, as a user runs them, including every bad-input case. */
class TransformCommandsTest {
  @TempDir static Path dir;
  static Path mlp;
  static Path cnn;

  @BeforeAll
  static void saveModels() throws Exception {
    MultiLayerNetwork mlpNet =
        Nets.chain(
            Nets.flat(),
            new DenseLayer.Builder().name("hidden").nOut(24).activation(Activation.RELU).build(),
            new DenseLayer.Builder().name("squash").nOut(12).activation(Activation.TANH).build());
    mlp = dir.resolve("mlp.zip");
    ModelSerializer.writeModel(mlpNet, mlp.toFile(), true);
    MultiLayerNetwork cnnNet =
        Nets.chain(
            Nets.image(),
            new ConvolutionLayer.Builder(3, 3)
                .name("conv")
                .nOut(6)
                .activation(Activation.RELU)
                .build(),
            new BatchNormalization.Builder().name("bn").build(),
            new SubsamplingLayer.Builder(2, 2).name("pool").stride(2, 2).build(),
            new DenseLayer.Builder().name("fc").nOut(16).activation(Activation.RELU).build());
    NetSpec.randomiseBatchNorm(cnnNet, new java.util.Random(3));
    cnn = dir.resolve("cnn.zip");
    ModelSerializer.writeModel(cnnNet, cnn.toFile(), true);
  }

  private static Path out(String name) {
    return dir.resolve(name);
  }

  @Test
  void widenByNameWritesAStudentThatVerifies() {
    Path wide = out("mlp-wide.zip");
    CliRun run =
        CliRun.of(
            "widen",
            mlp.toString(),
            "--layer",
            "hidden",
            "--width",
            "40",
            "--out",
            wide.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("widen hidden")
        .contains("24->40")
        .contains("max |teacher - student|");
    assertThat(wide).exists();
    CliRun verify = CliRun.of("verify", mlp.toString(), wide.toString(), "--n", "500");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("within tolerance");
  }

  @Test
  void widenByIndexAndFactorPrintsJson() throws Exception {
    Path wide = out("cnn-wide.zip");
    CliRun run =
        CliRun.of(
            "widen",
            cnn.toString(),
            "--layer",
            "0",
            "--factor",
            "2",
            "--seed",
            "5",
            "--noise",
            "0.05",
            "--out",
            wide.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("kind").asText()).isEqualTo("widen");
    assertThat(json.get("target").asText()).isEqualTo("conv");
    assertThat(json.get("parametersAfter").asLong())
        .isGreaterThan(json.get("parametersBefore").asLong());
    assertThat(json.at("/preservation/maxAbsDifference").asDouble()).isLessThanOrEqualTo(1e-5);
    assertThat(json.at("/preservation/examples").asLong()).isEqualTo(1000);
  }

  @Test
  void deepenWithBatchNormPreservesWithinOneMillionth() {
    Path deeper = out("cnn-deeper.zip");
    CliRun run =
        CliRun.of(
            "deepen",
            cnn.toString(),
            "--after",
            "pool",
            "--batch-norm",
            "--out",
            deeper.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pool_deeper_bn");
    CliRun verify = CliRun.of("verify", cnn.toString(), deeper.toString(), "--tolerance", "1e-6");
    assertThat(verify.exitCode()).as(verify.out()).isZero();
  }

  @Test
  void verifyFailsWithExitOneBeyondTolerance() {
    Path noisy = out("mlp-noisy.zip");
    assertThat(
            CliRun.of(
                    "widen",
                    mlp.toString(),
                    "--layer",
                    "hidden",
                    "--width",
                    "30",
                    "--noise",
                    "0.5",
                    "--noise-mode",
                    "additive",
                    "--out",
                    noisy.toString())
                .exitCode())
        .isZero();
    CliRun verify = CliRun.of("verify", mlp.toString(), noisy.toString(), "--tolerance", "1e-9");
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).contains("EXCEEDS");
  }

  @Test
  void badInputGetsOneLineAndExitTwoAndNoOutputFile() throws Exception {
    Path notAZip = dir.resolve("garbage.zip");
    Files.write(notAZip, new byte[] {1, 2, 3, 4, 5});
    Path otherZip = dir.resolve("other.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(otherZip))) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write("hello".getBytes());
    }
    Path truncated = dir.resolve("truncated.zip");
    byte[] whole = Files.readAllBytes(mlp);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path target = out("never.zip");
    List<List<String>> cases =
        List.of(
            List.of(
                "widen",
                dir.resolve("missing.zip").toString(),
                "--layer",
                "hidden",
                "--width",
                "40"),
            List.of("widen", notAZip.toString(), "--layer", "hidden", "--width", "40"),
            List.of("widen", otherZip.toString(), "--layer", "hidden", "--width", "40"),
            List.of("widen", truncated.toString(), "--layer", "hidden", "--width", "40"),
            List.of("widen", mlp.toString(), "--layer", "hiden", "--width", "40"),
            List.of("widen", mlp.toString(), "--layer", "7", "--width", "40"),
            List.of("widen", mlp.toString(), "--layer", "hidden", "--width", "24"),
            List.of("widen", mlp.toString(), "--layer", "hidden", "--factor", "0.5"),
            List.of("widen", mlp.toString(), "--layer", "layer2", "--width", "40"),
            List.of("widen", cnn.toString(), "--layer", "pool", "--width", "40"),
            List.of("widen", mlp.toString(), "--layer", "hidden"),
            List.of(
                "widen",
                mlp.toString(),
                "--layer",
                "hidden",
                "--width",
                "40",
                "--optimizer-state",
                "keep"),
            List.of("deepen", mlp.toString(), "--after", "squash"),
            List.of("deepen", mlp.toString(), "--after", "layer2"),
            List.of("deepen", cnn.toString(), "--after", "conv", "--kernel", "4"),
            List.of("deepen", cnn.toString(), "--after", "conv", "--batch-norm", "sometimes"));
    for (List<String> args : cases) {
      List<String> withOut = new java.util.ArrayList<>(args);
      withOut.addAll(List.of("--out", target.toString()));
      CliRun run = CliRun.of(withOut.toArray(String[]::new));
      assertThat(run.exitCode()).as("%s: %s", args, run.err()).isEqualTo(2);
      assertThat(run.errorLines()).as("%s: %s", args, run.err()).isEqualTo(1);
      assertThat(run.err())
          .as("%s", args)
          .startsWith("net2net: ")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      assertThat(target).as("%s leaves no output", args).doesNotExist();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void messagesSayWhatWasWrong() {
    Path target = out("never2.zip");
    assertThat(
            CliRun.of(
                    "widen",
                    mlp.toString(),
                    "--layer",
                    "hiden",
                    "--width",
                    "40",
                    "--out",
                    target.toString())
                .err())
        .contains("no layer or vertex named 'hiden'")
        .contains("hidden");
    assertThat(
            CliRun.of(
                    "widen",
                    mlp.toString(),
                    "--layer",
                    "hidden",
                    "--width",
                    "24",
                    "--out",
                    target.toString())
                .err())
        .contains("larger than the current width 24");
    assertThat(
            CliRun.of("deepen", mlp.toString(), "--after", "squash", "--out", target.toString())
                .err())
        .contains("tanh")
        .contains("not idempotent");
    assertThat(
            CliRun.of(
                    "widen",
                    dir.resolve("nope.zip").toString(),
                    "--layer",
                    "x",
                    "--width",
                    "4",
                    "--out",
                    target.toString())
                .err())
        .contains("nope.zip: no such file");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("widen", "deepen", "verify")) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: net2net " + command);
    }
  }
}
