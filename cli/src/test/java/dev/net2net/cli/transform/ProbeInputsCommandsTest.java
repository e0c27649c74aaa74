package dev.net2net.cli.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.net2net.cli.CliRun;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The transform commands on models that do not take Fashion-MNIST images: a 13-feature tabular MLP
 * (with a PReLU) and a 1D convolution sequence model, measured on a CSV file, an IDX file and
 * random inputs of the model's input type, with --probes 0, and every bad data file refused with
 * exit code 2 and nothing written.
 */
class ProbeInputsCommandsTest {
  @TempDir static Path dir;
  static Path tabular;
  static Path sequence;
  static Path table;
  static Path sequences;

  @BeforeAll
  static void saveModelsAndData() throws Exception {
    var mlp =
        new NeuralNetConfiguration.Builder()
            .seed(3)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .name("hidden")
                    .nOut(16)
                    .activation(Activation.IDENTITY)
                    .build())
            .layer(new PReLULayer.Builder().name("prelu").inputShape(16).build())
            .layer(new DenseLayer.Builder().name("top").nOut(8).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(3)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.feedForward(13))
            .build();
    MultiLayerNetwork mlpNet = new MultiLayerNetwork(mlp);
    mlpNet.init();
    mlpNet.getLayer(1).getParam("W").assign(0.25);
    tabular = dir.resolve("tabular.zip");
    ModelSerializer.writeModel(mlpNet, tabular.toFile(), true);

    var seq =
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .list()
            .layer(
                new Convolution1DLayer.Builder(3)
                    .name("conv")
                    .nOut(6)
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new Subsampling1DLayer.Builder(PoolingType.MAX)
                    .name("pool")
                    .kernelSize(2)
                    .stride(2)
                    .build())
            .layer(
                new Convolution1DLayer.Builder(3)
                    .name("conv2")
                    .nOut(5)
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.RELU)
                    .build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("time").build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(4)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.recurrent(3, 20, RNNFormat.NCW))
            .build();
    MultiLayerNetwork seqNet = new MultiLayerNetwork(seq);
    seqNet.init();
    sequence = dir.resolve("sequence.zip");
    ModelSerializer.writeModel(seqNet, sequence.toFile(), true);

    Random r = new Random(7);
    StringBuilder csv = new StringBuilder();
    for (int c = 1; c <= 13; c++) {
      csv.append("f").append(c).append(',');
    }
    csv.append("label\n");
    for (int row = 0; row < 40; row++) {
      for (int c = 0; c < 13; c++) {
        csv.append(String.format(Locale.ROOT, "%.4f", r.nextGaussian())).append(',');
      }
      csv.append(r.nextInt(3)).append('\n');
    }
    table = dir.resolve("table.csv");
    Files.writeString(table, csv);

    StringBuilder tsv = new StringBuilder();
    for (int v = 0; v < 60; v++) {
      tsv.append(v == 0 ? "" : "\t").append("c").append(v / 20).append("_t").append(v % 20);
    }
    tsv.append('\n');
    for (int row = 0; row < 25; row++) {
      for (int v = 0; v < 60; v++) {
        tsv.append(v == 0 ? "" : "\t").append(String.format(Locale.ROOT, "%.3f", r.nextDouble()));
      }
      tsv.append('\n');
    }
    sequences = dir.resolve("sequences.tsv");
    Files.writeString(sequences, tsv);
  }

  private static JsonNode json(CliRun run) throws Exception {
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void aTabularModelIsWidenedAndVerifiedOnRowsOfACsvFile() throws Exception {
    Path wide = dir.resolve("tabular-wide.zip");
    CliRun run =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "24",
            "--data",
            table.toString(),
            "--label-column",
            "label",
            "--probes",
            "30",
            "--out",
            wide.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = json(run);
    assertThat(report.at("/probes/source").asText()).isEqualTo("csv");
    assertThat(report.at("/probes/examples").asLong()).isEqualTo(30);
    assertThat(report.at("/probes/description").asText())
        .contains("30 rows of")
        .contains("table.csv")
        .contains("label column 'label' left out")
        .contains("13 features");
    assertThat(report.at("/preservation/maxAbsDifference").asDouble()).isLessThanOrEqualTo(1e-5);
    assertThat(report.at("/preservation/examples").asLong()).isEqualTo(30);

    CliRun verify =
        CliRun.of(
            "verify",
            tabular.toString(),
            wide.toString(),
            "--data",
            table.toString(),
            "--label-column",
            "14",
            "--n",
            "40");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("over 40 rows of").contains("within tolerance");
  }

  @Test
  void withoutDataATabularModelIsMeasuredOnRandomInputsOfItsInputTypeAndTheReportSaysSo()
      throws Exception {
    Path wide = dir.resolve("tabular-random.zip");
    CliRun run =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "0",
            "--factor",
            "1.5",
            "--probes",
            "64",
            "--out",
            wide.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("measured on 64 random inputs of the model's input type, 13 features")
        .contains("max |teacher - student|");

    Path deep = dir.resolve("tabular-deep.zip");
    CliRun deepen =
        CliRun.of(
            "deepen", tabular.toString(), "--after", "top", "--out", deep.toString(), "--json");
    assertThat(deepen.exitCode()).as(deepen.err()).isZero();
    assertThat(json(deepen).at("/probes/source").asText()).isEqualTo("random");
    assertThat(json(deepen).at("/preservation/maxAbsDifference").asDouble())
        .isLessThanOrEqualTo(1e-6);

    CliRun verify =
        CliRun.of("verify", tabular.toString(), deep.toString(), "--tolerance", "1e-6", "--json");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(json(verify).at("/probes/source").asText()).isEqualTo("random");
  }

  @Test
  void aSequenceModelIsWidenedAndDeepenedOnRandomSequencesAndOnATsvFile() throws Exception {
    Path wide = dir.resolve("sequence-wide.zip");
    CliRun run =
        CliRun.of(
            "widen",
            sequence.toString(),
            "--layer",
            "conv",
            "--width",
            "10",
            "--probes",
            "50",
            "--out",
            wide.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = json(run);
    assertThat(report.at("/probes/source").asText()).isEqualTo("random");
    assertThat(report.at("/probes/description").asText())
        .contains("sequences of 3 channels")
        .contains("(NCW)");
    assertThat(report.at("/preservation/maxAbsDifference").asDouble()).isLessThanOrEqualTo(1e-5);

    Path deep = dir.resolve("sequence-deep.zip");
    CliRun deepen =
        CliRun.of(
            "deepen",
            wide.toString(),
            "--after",
            "conv2",
            "--kernel",
            "5",
            "--data",
            sequences.toString(),
            "--out",
            deep.toString());
    assertThat(deepen.exitCode()).as(deepen.err()).isZero();
    assertThat(deepen.out())
        .contains("measured on 25 rows of")
        .contains("sequences.tsv")
        .contains("sequences of 3 channels x 20 steps (NCW)");

    CliRun verify =
        CliRun.of("verify", sequence.toString(), deep.toString(), "--data", sequences.toString());
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("within tolerance");
  }

  @Test
  void aMobileNetStyleNhwcModelAndAUnivariateSequenceModelGetRandomInputsOfTheirOwnShape()
      throws Exception {
    var mobile =
        new NeuralNetConfiguration.Builder()
            .seed(9)
            .list()
            .layer(
                new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3)
                    .name("conv")
                    .nOut(4)
                    .convolutionMode(ConvolutionMode.Same)
                    .dataFormat(org.deeplearning4j.nn.conf.CNN2DFormat.NHWC)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new org.deeplearning4j.nn.conf.layers.SeparableConvolution2D.Builder(3, 3)
                    .name("sep")
                    .nOut(6)
                    .depthMultiplier(2)
                    .convolutionMode(ConvolutionMode.Same)
                    .dataFormat(org.deeplearning4j.nn.conf.CNN2DFormat.NHWC)
                    .activation(Activation.RELU)
                    .build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).name("gap").build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(5)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(
                InputType.convolutional(20, 20, 3, org.deeplearning4j.nn.conf.CNN2DFormat.NHWC))
            .build();
    MultiLayerNetwork mobileNet = new MultiLayerNetwork(mobile);
    mobileNet.init();
    Path mobileZip = dir.resolve("mobile.zip");
    ModelSerializer.writeModel(mobileNet, mobileZip.toFile(), true);
    CliRun widen =
        CliRun.of(
            "widen",
            mobileZip.toString(),
            "--layer",
            "conv",
            "--width",
            "7",
            "--probes",
            "20",
            "--out",
            dir.resolve("mobile-wide.zip").toString(),
            "--json");
    assertThat(widen.exitCode()).as(widen.err()).isZero();
    assertThat(json(widen).at("/probes/description").asText())
        .contains("images of 3 channels, 28x28 (NHWC)");
    assertThat(json(widen).at("/preservation/maxAbsDifference").asDouble())
        .isLessThanOrEqualTo(1e-5);
    CliRun deepen =
        CliRun.of(
            "deepen",
            dir.resolve("mobile-wide.zip").toString(),
            "--after",
            "sep",
            "--probes",
            "20",
            "--out",
            dir.resolve("mobile-deep.zip").toString(),
            "--json");
    assertThat(deepen.exitCode()).as(deepen.err()).isZero();
    assertThat(json(deepen).at("/preservation/maxAbsDifference").asDouble())
        .isLessThanOrEqualTo(1e-6);

    var univariate =
        new NeuralNetConfiguration.Builder()
            .seed(4)
            .list()
            .layer(
                new Convolution1DLayer.Builder(5)
                    .name("conv")
                    .nOut(4)
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(Activation.RELU)
                    .build())
            .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(2)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.recurrent(1, 50))
            .build();
    MultiLayerNetwork univariateNet = new MultiLayerNetwork(univariate);
    univariateNet.init();
    Path univariateZip = dir.resolve("univariate.zip");
    ModelSerializer.writeModel(univariateNet, univariateZip.toFile(), true);
    CliRun seq =
        CliRun.of(
            "widen",
            univariateZip.toString(),
            "--layer",
            "conv",
            "--width",
            "6",
            "--probes",
            "20",
            "--out",
            dir.resolve("univariate-wide.zip").toString());
    assertThat(seq.exitCode()).as(seq.err()).isZero();
    assertThat(seq.out())
        .contains("random inputs of the model's input type, sequences of 1 channel x 28 steps");
  }

  @Test
  void aModelThatReadsClassIndicesNeedsDataOrZeroProbes() throws Exception {
    // No input type: DL4J would set the embedding's nIn (its vocabulary) to the input's width, 1.
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(2)
            .list()
            .layer(
                new org.deeplearning4j.nn.conf.layers.EmbeddingLayer.Builder()
                    .name("embed")
                    .nIn(10)
                    .nOut(4)
                    .build())
            .layer(
                new DenseLayer.Builder()
                    .name("hidden")
                    .nIn(4)
                    .nOut(6)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(6)
                    .nOut(2)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    Path model = dir.resolve("embedding.zip");
    ModelSerializer.writeModel(net, model.toFile(), true);
    Path out = dir.resolve("embedding-wide.zip");

    CliRun random =
        CliRun.of(
            "widen",
            model.toString(),
            "--layer",
            "hidden",
            "--width",
            "9",
            "--out",
            out.toString());
    assertThat(random.exitCode()).isEqualTo(2);
    assertThat(random.err()).contains("embedding").contains("class indices").contains("--probes 0");
    assertThat(out).doesNotExist();

    Path tokens = dir.resolve("tokens.csv");
    Files.writeString(tokens, "token\n3\n7\n0\n9\n");
    CliRun onData =
        CliRun.of(
            "widen",
            model.toString(),
            "--layer",
            "hidden",
            "--width",
            "9",
            "--data",
            tokens.toString(),
            "--out",
            out.toString(),
            "--json");
    assertThat(onData.exitCode()).as(onData.err()).isZero();
    assertThat(json(onData).at("/preservation/maxAbsDifference").asDouble())
        .isLessThanOrEqualTo(1e-5);
    assertThat(json(onData).at("/probes/examples").asLong()).isEqualTo(4);
  }

  @Test
  void anIdxFileOfFloatsProbesTheTabularModel() throws Exception {
    Path idx = dir.resolve("rows.idx");
    Random r = new Random(11);
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(idx))) {
      out.writeInt(0x0D02);
      out.writeInt(12);
      out.writeInt(13);
      for (int i = 0; i < 12 * 13; i++) {
        out.writeFloat((float) r.nextGaussian());
      }
    }
    Path wide = dir.resolve("tabular-idx.zip");
    CliRun run =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "top",
            "--width",
            "12",
            "--data",
            idx.toString(),
            "--out",
            wide.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(json(run).at("/probes/source").asText()).isEqualTo("idx");
    assertThat(json(run).at("/probes/examples").asLong()).isEqualTo(12);
    assertThat(json(run).at("/preservation/maxAbsDifference").asDouble()).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void zeroProbesSkipTheMeasurementAndTheReportSaysSo() throws Exception {
    Path wide = dir.resolve("tabular-unmeasured.zip");
    CliRun run =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "20",
            "--probes",
            "0",
            "--out",
            wide.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("output difference not measured")
        .doesNotContain("max |teacher - student|");
    assertThat(wide).exists();

    CliRun asJson =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "20",
            "--probes",
            "0",
            "--out",
            dir.resolve("tabular-unmeasured2.zip").toString(),
            "--json");
    assertThat(asJson.exitCode()).as(asJson.err()).isZero();
    JsonNode report = json(asJson);
    assertThat(report.at("/probes/source").asText()).isEqualTo("none");
    assertThat(report.at("/probes/examples").asLong()).isZero();
    assertThat(report.has("preservation")).isFalse();

    CliRun batchNorm =
        CliRun.of(
            "deepen",
            tabular.toString(),
            "--after",
            "top",
            "--batch-norm",
            "--probes",
            "0",
            "--out",
            dir.resolve("never.zip").toString());
    assertThat(batchNorm.exitCode()).isEqualTo(2);
    assertThat(batchNorm.err()).contains("--batch-norm").contains("--probes 0");
    assertThat(dir.resolve("never.zip")).doesNotExist();
  }

  @Test
  void badDataIsRefusedWithWhereAndWhatAndNothingIsWritten() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        "a,b,c,d,e,f,g,h,i,j,k,l,m\n"
            + "1,2,3,4,5,6,7,8,9,10,11,12,13\n"
            + "1,2,x3,4,5,6,7,8,9,10,11,12,13\n");
    Path out = dir.resolve("bad-out.zip");
    CliRun notANumber =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "20",
            "--data",
            bad.toString(),
            "--out",
            out.toString());
    assertThat(notANumber.exitCode()).isEqualTo(2);
    assertThat(notANumber.err()).contains("bad.csv:3:5").contains("'x3'").contains("column 'c'");
    assertThat(notANumber.errorLines()).isEqualTo(1);

    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "a,b,c\n1,2,3\n1,2\n");
    CliRun short_ =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "20",
            "--data",
            ragged.toString(),
            "--out",
            out.toString());
    assertThat(short_.exitCode()).isEqualTo(2);
    assertThat(short_.err())
        .contains("ragged.csv:3:")
        .contains("2 values, the header has 3 columns");

    CliRun wrongWidth =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "20",
            "--data",
            table.toString(),
            "--out",
            out.toString());
    assertThat(wrongWidth.exitCode()).isEqualTo(2);
    assertThat(wrongWidth.err())
        .contains("table.csv")
        .contains("13 features")
        .contains("the data has 14");

    CliRun noSuchColumn =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "20",
            "--data",
            table.toString(),
            "--label-column",
            "target",
            "--out",
            out.toString());
    assertThat(noSuchColumn.exitCode()).isEqualTo(2);
    assertThat(noSuchColumn.err()).contains("table.csv:1").contains("no column 'target'");

    CliRun negative =
        CliRun.of(
            "widen",
            tabular.toString(),
            "--layer",
            "hidden",
            "--width",
            "20",
            "--probes",
            "-1",
            "--out",
            out.toString());
    assertThat(negative.exitCode()).isEqualTo(2);
    assertThat(negative.err()).contains("--probes");

    Path unknown = dir.resolve("data.bin");
    Files.write(unknown, new byte[] {1, 2, 3, 4, 5});
    CliRun unknownFormat =
        CliRun.of("verify", tabular.toString(), tabular.toString(), "--data", unknown.toString());
    assertThat(unknownFormat.exitCode()).isEqualTo(2);
    assertThat(unknownFormat.err()).contains("data.bin").contains("not a CSV or TSV file");

    CliRun missing =
        CliRun.of(
            "verify",
            tabular.toString(),
            tabular.toString(),
            "--data",
            dir.resolve("nowhere.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nowhere.csv");
    assertThat(out).doesNotExist();
  }
}
