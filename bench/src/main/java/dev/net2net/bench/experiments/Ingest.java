package dev.net2net.bench.experiments;

import dev.net2net.bench.Data;
import dev.net2net.bench.Experiment;
import dev.net2net.bench.Models;
import dev.net2net.bench.Options;
import dev.net2net.bench.report.Charts;
import dev.net2net.bench.report.Markdown;
import dev.net2net.bench.report.Report;
import dev.net2net.datasets.LabeledImages;
import dev.net2net.datasets.cache.CacheFile;
import dev.net2net.datasets.cache.ShardCache;
import dev.net2net.datasets.read.ShardSource;
import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.schema.Features;
import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.datasets.schema.TabularShape;
import dev.net2net.datasets.split.HoldoutRule;
import dev.net2net.training.BatchSource;
import dev.net2net.training.CachedSource;
import dev.net2net.training.Examples;
import dev.net2net.training.TrainingLoop;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data plane's two costs, measured side by side in one run: converting a shard of each format
 * into its cache file against just reading the shard's bytes, and training from the cache
 * (streamed, positioned reads) against training from the same images held in memory.
 */
public final class Ingest implements Experiment {
  private static final List<String> LABELS = List.of("alpha", "beta", "gamma");
  private static final int FEATURES = 13;

  record Conversion(
      String format, long bytes, long rows, double readSeconds, double ingestSeconds) {}

  record Rate(String source, double samplesPerSecond) {}

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public Runnable prepare(Options o, Context context) {
    int tableRows = o.integer("table-rows", 200_000, 2_000);
    int images = o.integer("images", 20_000, 1_000);
    int pngs = o.integer("pngs", 3_000, 150);
    int epochs = o.integer("epochs", 3, 2);
    int repeats = o.integer("repeats", 3, 1);
    return () -> run(context, tableRows, images, pngs, epochs, repeats);
  }

  static void run(Context context, int tableRows, int images, int pngs, int epochs, int repeats) {
    Instant started = Instant.now();
    Path work;
    try {
      work = Files.createTempDirectory("net2net-data-plane");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      LabeledImages fashion = Data.train(images);
      List<Conversion> ingests = new ArrayList<>();
      DatasetSchema table =
          new DatasetSchema(new TabularShape("label", Features.all()), Classes.named(LABELS));
      ingests.add(
          measure("CSV", write(work.resolve("table.csv"), tableRows, false), table, repeats));
      ingests.add(
          measure(
              "CSV, gzip", write(work.resolve("table.csv.gz"), tableRows, true), table, repeats));
      ingests.add(
          measure("Parquet", parquet(work.resolve("table.parquet"), tableRows), table, repeats));
      Path idx = idx(work, fashion);
      ingests.add(measure("IDX", idx, DatasetSchema.fashionMnist(), repeats));
      Path folder = pngs(work.resolve("pngs"), fashion, pngs);
      DatasetSchema pictures =
          new DatasetSchema(new ImageShape(28, 28, 1, false), Classes.named(classNames()));
      ingests.add(measure("PNG folder", folder, pictures, repeats));

      CacheFile cache =
          ShardCache.build(
              work.resolve("throughput.cache"),
              "bench",
              HoldoutRule.none(),
              ShardSource.recognise(idx).orElseThrow().reader(DatasetSchema.fashionMnist()));
      List<Rate> rates = throughput(fashion, cache, epochs, repeats);
      write(context, ingests, rates, tableRows, images, pngs, epochs, repeats, started);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(work);
    }
  }

  private static List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add("class" + c);
    }
    return names;
  }

  /** The median of {@code repeats} conversions, each after reading the shard's bytes once. */
  private static Conversion measure(String format, Path shard, DatasetSchema schema, int repeats)
      throws IOException {
    ShardSource source =
        ShardSource.recognise(shard)
            .orElseThrow(() -> new IllegalStateException(shard + " is not a shard"));
    double[] read = new double[repeats];
    double[] ingest = new double[repeats];
    long bytes = 0;
    long rows = 0;
    for (int r = 0; r < repeats; r++) {
      long t = System.nanoTime();
      bytes = readAll(source.files());
      read[r] = (System.nanoTime() - t) / 1e9;
      Path cachePath = shard.resolveSibling(shard.getFileName() + ".cache");
      t = System.nanoTime();
      CacheFile cache =
          ShardCache.build(cachePath, "bench", HoldoutRule.fraction(0.2), source.reader(schema));
      ingest[r] = (System.nanoTime() - t) / 1e9;
      rows = cache.header().rows();
      Files.delete(cachePath);
    }
    Experiment.log(
        String.format(
            Locale.ROOT,
            "ingest: %s %d rows, read %.3f s, converted %.3f s",
            format,
            rows,
            Throughput.median(read),
            Throughput.median(ingest)));
    return new Conversion(format, bytes, rows, Throughput.median(read), Throughput.median(ingest));
  }

  private static long readAll(List<Path> files) throws IOException {
    long total = 0;
    for (Path f : files) {
      if (Files.isDirectory(f)) {
        try (Stream<Path> walk = Files.walk(f)) {
          for (Path p : walk.filter(Files::isRegularFile).toList()) {
            total += Files.readAllBytes(p).length;
          }
        }
      } else {
        total += Files.readAllBytes(f).length;
      }
    }
    return total;
  }

  /** One epoch after another from each source, alternating; the median rate after the warm-up. */
  private static List<Rate> throughput(
      LabeledImages fashion, CacheFile cache, int epochs, int repeats) {
    LabeledImages validation = Data.validation(256);
    double[][] samples = new double[2][repeats];
    for (int r = 0; r < repeats; r++) {
      for (int s = 0; s < 2; s++) {
        Model model = Models.mlp(Models.MLP_WIDTH, 1);
        BatchSource train =
            s == 0
                ? Examples.forModel(model, fashion)
                : CachedSource.training(model, List.of(cache), Optional.empty());
        TrainingLoop.Result result =
            TrainingLoop.train(
                model,
                train,
                Examples.forModel(model, validation),
                new TrainingLoop.Settings(epochs, 64, OptionalInt.empty(), 0, 1),
                TrainingLoop.Listener.none(),
                () -> false);
        double[] rates =
            result.epochs().stream()
                .mapToDouble(TrainingLoop.EpochReport::samplesPerSecond)
                .toArray();
        samples[s][r] =
            Throughput.median(
                rates.length > 1 ? Arrays.copyOfRange(rates, 1, rates.length) : rates);
      }
    }
    return List.of(
        new Rate("in memory (Examples)", Throughput.median(samples[0])),
        new Rate("streamed from the cache (CachedSource)", Throughput.median(samples[1])));
  }

  // ---- the shards

  private static Path write(Path file, int rows, boolean gzip) throws IOException {
    Random random = new Random(7);
    OutputStream bytes = Files.newOutputStream(file);
    try (Writer w =
        new java.io.OutputStreamWriter(
            gzip ? new java.util.zip.GZIPOutputStream(bytes) : bytes, StandardCharsets.UTF_8)) {
      StringBuilder header = new StringBuilder();
      for (int j = 0; j < FEATURES; j++) {
        header.append('x').append(j).append(',');
      }
      w.write(header.append("label\n").toString());
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        for (int j = 0; j < FEATURES; j++) {
          line.append(String.format(Locale.ROOT, "%.4f", random.nextGaussian() * (j + 1)))
              .append(',');
        }
        w.write(line.append(LABELS.get(random.nextInt(LABELS.size()))).append('\n').toString());
      }
    }
    return file;
  }

  private static Path parquet(Path file, int rows) throws IOException {
    StringBuilder schema = new StringBuilder("message table {");
    for (int j = 0; j < FEATURES; j++) {
      schema.append(" required double x").append(j).append(';');
    }
    MessageType type =
        MessageTypeParser.parseMessageType(
            schema.append(" required binary label (STRING); }").toString());
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    Random random = new Random(7);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withType(type)
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        for (int j = 0; j < FEATURES; j++) {
          g.add("x" + j, random.nextGaussian() * (j + 1));
        }
        g.add("label", LABELS.get(random.nextInt(LABELS.size())));
        w.write(g);
      }
    }
    return file;
  }

  /** The images as an uncompressed IDX pair; returns the images file. */
  private static Path idx(Path dir, LabeledImages images) throws IOException {
    int n = images.size();
    INDArray x = images.features();
    int[] labels = images.labels().argMax(1).toIntVector();
    Path imagesFile = dir.resolve("bench-images-idx3-ubyte");
    try (DataOutputStream out =
        new DataOutputStream(
            new java.io.BufferedOutputStream(Files.newOutputStream(imagesFile), 1 << 16))) {
      out.writeInt(0x00000803);
      out.writeInt(n);
      out.writeInt(28);
      out.writeInt(28);
      for (int i = 0; i < n; i++) {
        for (float v : x.getRow(i).toFloatVector()) {
          out.writeByte(Math.round(v * 255));
        }
      }
    }
    try (DataOutputStream out =
        new DataOutputStream(Files.newOutputStream(dir.resolve("bench-labels-idx1-ubyte")))) {
      out.writeInt(0x00000801);
      out.writeInt(n);
      for (int label : labels) {
        out.writeByte(label);
      }
    }
    return imagesFile;
  }

  /** The first {@code n} images as 28x28 grey PNGs, one sub-folder per class. */
  private static Path pngs(Path dir, LabeledImages images, int n) throws IOException {
    INDArray x = images.features();
    int[] labels = images.labels().argMax(1).toIntVector();
    for (String name : classNames()) {
      Files.createDirectories(dir.resolve(name));
    }
    for (int i = 0; i < Math.min(n, images.size()); i++) {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      float[] pixels = x.getRow(i).toFloatVector();
      for (int p = 0; p < pixels.length; p++) {
        int v = Math.round(pixels[p] * 255);
        image.getRaster().setSample(p % 28, p / 28, 0, v);
      }
      ImageIO.write(image, "png", dir.resolve("class" + labels[i]).resolve(i + ".png").toFile());
    }
    return dir;
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      Experiment.log("ingest: could not remove " + dir + ": " + e.getMessage());
    }
  }

  // ---- the report

  private static void write(
      Context context,
      List<Conversion> ingests,
      List<Rate> rates,
      int tableRows,
      int images,
      int pngs,
      int epochs,
      int repeats,
      Instant started) {
    Report report =
        new Report(
                context.out(),
                "ingest",
                "The data plane: converting shards, and training from the cache",
                "Each format's shard converted into its cache file (parse, check every value, hash"
                    + " holdout at 0.2, CRC32C, fsync) against just reading the shard's bytes once,"
                    + " and one MLP (784-"
                    + Models.MLP_WIDTH
                    + "-"
                    + Models.MLP_WIDTH
                    + "-10, batch 64) trained on the same Fashion-MNIST images held in memory and"
                    + " streamed from their cache, in one run.",
                context.machine(),
                context.command())
            .startedAt(started);
    report
        .section("Setup")
        .text(
            "Tables: "
                + tableRows
                + " rows of "
                + FEATURES
                + " generated features and a string label, as CSV, gzip CSV and Parquet."
                + " Images: the first "
                + images
                + " Fashion-MNIST training images as one uncompressed IDX pair, and the first "
                + pngs
                + " as PNG files in class folders. Each time is the median of "
                + repeats
                + " passes; reads come from the page cache after the first. Training: "
                + epochs
                + " epochs per measurement on a fresh model, the median samples/s of the epochs"
                + " after the first, the two sources alternating, median of "
                + repeats
                + ".");
    Markdown t =
        Markdown.table(
            "format",
            ">rows",
            ">MB",
            ">read s",
            ">convert s",
            ">rows/s",
            ">MB/s",
            ">convert / read");
    for (Conversion i : ingests) {
      double mb = i.bytes() / 1e6;
      t.row(
          i.format(),
          i.rows(),
          Markdown.f("%.1f", mb),
          Markdown.f("%.3f", i.readSeconds()),
          Markdown.f("%.3f", i.ingestSeconds()),
          Markdown.f("%.0f", i.rows() / i.ingestSeconds()),
          Markdown.f("%.1f", mb / i.ingestSeconds()),
          Markdown.f("%.0fx", i.ingestSeconds() / Math.max(1e-9, i.readSeconds())));
    }
    report.section("Converting a shard into its cache").table(t);
    Markdown r = Markdown.table("training source", ">samples/s", ">relative to in memory");
    for (Rate rate : rates) {
      r.row(
          rate.source(),
          Markdown.f("%.0f", rate.samplesPerSecond()),
          Markdown.f("%.2f", rate.samplesPerSecond() / rates.get(0).samplesPerSecond()));
    }
    report.section("Training from the cache against in memory").table(r);
    Path png = report.file("rates.png");
    // Reading from the page cache is two to three orders of magnitude faster than converting, so
    // the chart shows the conversion alone (the table has both), on a linear axis.
    Charts.bars(
        png,
        "Converting a shard into its cache (MB of shard per second)",
        "format",
        "MB/s",
        ingests.stream().map(Conversion::format).toList(),
        List.of("convert into the cache"),
        new double[][] {
          ingests.stream()
              .mapToDouble(i -> i.bytes() / 1e6 / Math.max(1e-6, i.ingestSeconds()))
              .toArray()
        },
        null,
        false);
    report.figure(png, "conversion rate per format");
    report.write();
  }
}
