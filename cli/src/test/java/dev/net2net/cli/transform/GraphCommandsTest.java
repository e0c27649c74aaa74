package dev.net2net.cli.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.net2net.cli.CliRun;
import dev.net2net.graph.GraphSpec;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Nets;
import dev.net2net.zoo.MiniInception;
import dev.net2net.zoo.SmallResNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The transform commands on ComputationGraph zips, as a user runs them: vertex names for L,
 * Inception-style concatenations, residual adds, batch normalization inside towers, NHWC,
 * residual-block deepening and the whole-model {@code towers} commands; every student is checked
 * with {@code verify} at the documented tolerances (1e-5 after widening, 1e-6 after deepening).
 */
class GraphCommandsTest {
  private static final String PROBES = "100";

  @TempDir static Path dir;
  static Path inception;
  static Path resnet;
  static Path nhwc;
  static Path mlp;

  @BeforeAll
  static void saveModels() throws Exception {
    ComputationGraph inceptionNet = MiniInception.standard().widthMultiplier(0.5).build();
    NetSpec.randomiseBatchNorm(inceptionNet, new Random(1));
    inception = save(inceptionNet, "inception.zip");
    ComputationGraph resnetNet = new SmallResNet(6, 2, 3).build();
    NetSpec.randomiseBatchNorm(resnetNet, new Random(2));
    resnet = save(resnetNet, "resnet.zip");
    nhwc = save(handWrittenNhwcGraph(), "nhwc.zip");
    mlp =
        save(
            Nets.chain(
                Nets.flat(),
                new DenseLayer.Builder()
                    .name("squash")
                    .nOut(12)
                    .activation(Activation.TANH)
                    .build()),
            "mlp.zip");
  }

  /**
   * A graph written for this test only, NHWC: a stem, an Inception module whose towers hold batch
   * normalization, a residual add on the concatenation's output, and a tanh layer before the head.
   */
  private static ComputationGraph handWrittenNhwcGraph() {
    GraphBuilder g =
        new NeuralNetConfiguration.Builder()
            .seed(9)
            .updater(new Adam(1e-3))
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs("pixels")
            .setInputTypes(InputType.convolutional(28, 28, 1, CNN2DFormat.NHWC));
    g.addLayer(
        "stem",
        new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).activation(Activation.RELU).build(),
        "pixels");
    g.addLayer(
        "a_1x1",
        new ConvolutionLayer.Builder(1, 1).nOut(3).activation(Activation.IDENTITY).build(),
        "stem");
    g.addLayer("a_bn", new BatchNormalization.Builder().build(), "a_1x1");
    g.addLayer("a_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "a_bn");
    g.addLayer(
        "b_3x3",
        new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
        "stem");
    g.addLayer(
        "c_pool",
        new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1).build(),
        "stem");
    g.addVertex("concat", new MergeVertex(), "a_relu", "b_3x3", "c_pool");
    g.addLayer(
        "branch",
        new ConvolutionLayer.Builder(3, 3).nOut(13).activation(Activation.IDENTITY).build(),
        "concat");
    g.addLayer("branch_bn", new BatchNormalization.Builder().build(), "branch");
    g.addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "concat", "branch_bn");
    g.addLayer(
        "squash",
        new ConvolutionLayer.Builder(1, 1).nOut(5).activation(Activation.TANH).build(),
        "residual");
    g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "squash");
    g.addLayer(
        "out",
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(10)
            .activation(Activation.SOFTMAX)
            .build(),
        "gap");
    g.setOutputs("out");
    ComputationGraph graph = new ComputationGraph(g.build());
    graph.init();
    NetSpec.randomiseBatchNorm(graph, new Random(4));
    return graph;
  }

  private static Path save(Model model, String name) throws Exception {
    Path file = dir.resolve(name);
    ModelSerializer.writeModel(model, file.toFile(), true);
    return file;
  }

  private static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (List.of("widen", "deepen").contains(args[0])
        || args[0].equals("towers") && !args[1].equals("list")) {
      all.addAll(List.of("--probes", PROBES));
    }
    return CliRun.of(all.toArray(String[]::new));
  }

  /**
   * {@code verify teacher student} within the tolerance, on the same number of Fashion-MNIST
   * images.
   */
  private static void assertVerifies(Path teacher, Path student, String tolerance) {
    CliRun verify =
        CliRun.of(
            "verify",
            teacher.toString(),
            student.toString(),
            "--n",
            PROBES,
            "--tolerance",
            tolerance);
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("within tolerance");
  }

  @Test
  void widenATowerOfAConcatenationByVertexName() {
    Path out = dir.resolve("inception-t3.zip");
    CliRun widen =
        run(
            "widen",
            inception.toString(),
            "--layer",
            "m1_t3_conv2",
            "--factor",
            "2",
            "--out",
            out.toString());
    assertThat(widen.exitCode()).as(widen.err()).isZero();
    assertThat(widen.out())
        .contains("widen m1_t3_conv2")
        .contains("m1_t3_bn2")
        .contains("per-unit")
        .contains("m2_t1_conv1")
        .contains("consumer");
    assertVerifies(inception, out, "1e-5");
  }

  @Test
  void widenAResidualStreamWidensEveryLayerWritingToIt() throws Exception {
    Path out = dir.resolve("resnet-wide.zip");
    CliRun widen =
        run(
            "widen",
            resnet.toString(),
            "--layer",
            "b1_conv2",
            "--width",
            "9",
            "--seed",
            "4",
            "--json",
            "--out",
            out.toString());
    assertThat(widen.exitCode()).as(widen.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(widen.out());
    assertThat(json.at("/settings/widened").asText().split(","))
        .containsExactlyInAnyOrder("b1_conv2", "stem_conv", "b2_conv2");
    assertThat(json.at("/preservation/maxAbsDifference").asDouble()).isLessThanOrEqualTo(1e-5);
    assertVerifies(resnet, out, "1e-5");
  }

  @Test
  void anUnseenNhwcGraphWidensThroughItsConcatenationIntoItsResidualSum() {
    Path out = dir.resolve("nhwc-wide.zip");
    CliRun widen =
        run("widen", nhwc.toString(), "--layer", "a_1x1", "--width", "7", "--out", out.toString());
    assertThat(widen.exitCode()).as(widen.err()).isZero();
    // The concatenation's new channels reach the residual sum, so the branch is widened to match
    // them.
    assertThat(widen.out()).contains("widened=a_1x1,branch");
    assertVerifies(nhwc, out, "1e-5");

    Path stem = dir.resolve("nhwc-stem.zip");
    assertThat(
            run(
                    "widen",
                    nhwc.toString(),
                    "--layer",
                    "stem",
                    "--factor",
                    "1.5",
                    "--out",
                    stem.toString())
                .exitCode())
        .isZero();
    assertVerifies(nhwc, stem, "1e-5");
  }

  @Test
  void deepenAfterVerticesOfGraphs() {
    Path afterMerge = dir.resolve("inception-after-m1.zip");
    CliRun merge =
        run("deepen", inception.toString(), "--after", "m1", "--out", afterMerge.toString());
    assertThat(merge.exitCode()).as(merge.err()).isZero();
    assertVerifies(inception, afterMerge, "1e-6");

    Path inTower = dir.resolve("inception-in-tower.zip");
    CliRun tower =
        run(
            "deepen",
            inception.toString(),
            "--after",
            "m2_td_relu2",
            "--batch-norm",
            "--out",
            inTower.toString());
    assertThat(tower.exitCode()).as(tower.err()).isZero();
    assertThat(tower.out()).contains("m2_td_relu2_deeper_bn");
    assertVerifies(inception, inTower, "1e-6");

    Path afterSum = dir.resolve("nhwc-after-sum.zip");
    CliRun sum =
        run(
            "deepen",
            nhwc.toString(),
            "--after",
            "residual",
            "--batch-norm",
            "--out",
            afterSum.toString());
    assertThat(sum.exitCode()).as(sum.err()).isZero();
    assertVerifies(nhwc, afterSum, "1e-6");
  }

  @Test
  void aResidualBlockGoesWhereAnIdentityLayerCannot() {
    Path refused = dir.resolve("never-tanh.zip");
    CliRun identity =
        run("deepen", nhwc.toString(), "--after", "squash", "--out", refused.toString());
    assertThat(identity.exitCode()).isEqualTo(2);
    assertThat(identity.err()).contains("not idempotent").contains("--residual");
    assertThat(refused).doesNotExist();

    Path out = dir.resolve("nhwc-residual.zip");
    CliRun residual =
        run(
            "deepen",
            nhwc.toString(),
            "--after",
            "squash",
            "--residual",
            "--batch-norm",
            "--out",
            out.toString());
    assertThat(residual.exitCode()).as(residual.err()).isZero();
    assertThat(residual.out())
        .contains("residual (sum at squash_res_add)")
        .contains("squash_res_inner_bn")
        .contains("squash_res_zero");
    assertVerifies(nhwc, out, "1e-6");

    CliRun chain =
        run(
            "deepen",
            mlp.toString(),
            "--after",
            "squash",
            "--residual",
            "--out",
            refused.toString());
    assertThat(chain.exitCode()).isEqualTo(2);
    assertThat(chain.errorLines()).isEqualTo(1);
    assertThat(chain.err()).contains("toComputationGraph()");
    assertThat(refused).doesNotExist();
  }

  /**
   * Graphs drawn by the net2net tests' generator (random towers, sums, BN, NCHW and NHWC), through
   * the CLI.
   */
  @Test
  void generatedGraphsWidenAndDeepenThroughTheCommandLine() throws Exception {
    for (long seed : new long[] {3, 4, 11}) {
      GraphSpec spec = GraphSpec.generate(seed);
      Path teacher = save(spec.build(), "generated-" + seed + ".zip");
      Random r = new Random(seed);
      List<String> layers =
          spec.widenable().stream().filter(l -> spec.mergeRoot(l).isEmpty()).toList();
      String layer = layers.get(r.nextInt(layers.size()));
      Path wide = dir.resolve("generated-" + seed + "-wide.zip");
      CliRun widen =
          run(
              "widen",
              teacher.toString(),
              "--layer",
              layer,
              "--factor",
              "1.7",
              "--out",
              wide.toString());
      assertThat(widen.exitCode()).as("%s\n%s", spec, widen.err()).isZero();
      assertVerifies(teacher, wide, "1e-5");

      List<String> points = spec.insertionPoints();
      String after = points.get(r.nextInt(points.size()));
      Path deep = dir.resolve("generated-" + seed + "-deep.zip");
      CliRun deepen =
          run(
              "deepen",
              teacher.toString(),
              "--after",
              after,
              "--residual",
              "--out",
              deep.toString());
      assertThat(deepen.exitCode()).as("%s\n%s", spec, deepen.err()).isZero();
      assertVerifies(teacher, deep, "1e-6");
    }
  }

  @Test
  void towersListWidenAndDeepenTheWholeModel() throws Exception {
    CliRun list = run("towers", "list", inception.toString());
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("m1 (4 towers)")
        .contains("m2 (4 towers)")
        .contains("m1_tp_pool -> m1_tp_conv1 -> m1_tp_bn1 -> m1_tp_relu1");

    Path wide = dir.resolve("inception-towers-wide.zip");
    CliRun widen =
        run(
            "towers",
            "widen",
            inception.toString(),
            "--factor",
            "1.85",
            "--json",
            "--out",
            wide.toString());
    assertThat(widen.exitCode()).as(widen.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(widen.out());
    assertThat(json.get("kind").asText()).isEqualTo("widen-towers");
    assertThat(json.at("/settings/layers-widened").asText()).isEqualTo("14");
    assertThat(json.at("/preservation/maxAbsDifference").asDouble()).isLessThanOrEqualTo(1e-5);
    assertVerifies(inception, wide, "1e-5");

    Path deep = dir.resolve("nhwc-towers-deep.zip");
    CliRun deepen =
        run(
            "towers",
            "deepen",
            nhwc.toString(),
            "--layers",
            "2",
            "--batch-norm",
            "--out",
            deep.toString());
    assertThat(deepen.exitCode()).as(deepen.err()).isZero();
    assertThat(deepen.out())
        .contains("deepen-towers concat")
        .contains("towers-deepened=3")
        .contains("steps=6");
    assertVerifies(nhwc, deep, "1e-6");
  }

  @Test
  void towersBadInputGetsOneLineAndExitTwoAndNoOutputFile() throws Exception {
    Path target = dir.resolve("never-towers.zip");
    List<List<String>> cases =
        List.of(
            List.of("towers", "widen", mlp.toString(), "--factor", "2"),
            List.of("towers", "widen", resnet.toString(), "--factor", "2"),
            List.of("towers", "widen", inception.toString(), "--factor", "0.5"),
            List.of("towers", "widen", inception.toString(), "--factor", "2", "--module", "m7"),
            List.of("towers", "widen", inception.toString()),
            List.of("towers", "deepen", inception.toString(), "--layers", "0"),
            List.of("towers", "deepen", inception.toString(), "--layers", "1", "--kernel", "2"),
            List.of("towers", "deepen", nhwc.toString(), "--layers", "1", "--module", "nope"),
            List.of("towers", "deepen", dir.resolve("missing.zip").toString(), "--layers", "1"),
            List.of("deepen", inception.toString(), "--after", "input"),
            List.of("deepen", inception.toString(), "--after", "output", "--residual"),
            List.of("widen", inception.toString(), "--layer", "m1", "--width", "40"),
            List.of("widen", inception.toString(), "--layer", "3", "--width", "40"));
    for (List<String> args : cases) {
      List<String> withOut = new ArrayList<>(args);
      withOut.addAll(List.of("--out", target.toString()));
      CliRun result = CliRun.of(withOut.toArray(String[]::new));
      assertThat(result.exitCode()).as("%s: %s", args, result.err()).isEqualTo(2);
      assertThat(result.errorLines()).as("%s: %s", args, result.err()).isEqualTo(1);
      assertThat(result.err())
          .as("%s", args)
          .startsWith("net2net: ")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
      assertThat(target).as("%s leaves no output", args).doesNotExist();
    }
    assertThat(
            CliRun.of(
                    "towers",
                    "widen",
                    resnet.toString(),
                    "--factor",
                    "2",
                    "--out",
                    target.toString())
                .err())
        .contains("no concatenation (MergeVertex)");
    assertThat(CliRun.of("towers", "list", mlp.toString()).err()).contains("MultiLayerNetwork");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void towersCommandsHaveHelp() {
    for (String command : List.of("list", "widen", "deepen")) {
      CliRun help = CliRun.of("towers", command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Usage: net2net towers " + command);
    }
    assertThat(CliRun.of("towers", "--help").out())
        .contains("list")
        .contains("widen")
        .contains("deepen");
    assertThat(CliRun.of("deepen", "--help").out()).contains("--residual");
    CliRun bare = CliRun.of("towers");
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("a towers command is required");
  }
}
