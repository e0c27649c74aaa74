import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Drips a synthetic wine table into a folder: three cultivars with different means in thirteen
 * chemical measurements of very different scales (so standardisation matters), one shard every
 * few seconds, in turn a CSV, a gzip CSV, a TSV and a Parquet file. Each shard is written under a
 * hidden name and renamed, so the daemon never reads half a file.
 *
 *   java -cp cli/target/net2net.jar examples/wine/GenerateWine.java OUT_FOLDER [SHARDS] [ROWS] [SECONDS]
 */
public class GenerateWine {
  static final List<String> CULTIVARS = List.of("barolo", "grignolino", "barbera");
  static final String[] COLUMNS = {"alcohol", "malic_acid", "ash", "alcalinity", "magnesium", "phenols",
      "flavanoids", "nonflavanoid", "proanthocyanins", "colour", "hue", "od280", "proline"};
  static final double[] SCALE = {1, 1, 0.3, 3, 14, 0.6, 1, 0.1, 0.6, 2.3, 0.2, 0.7, 300};
  static final double[] BASE = {13, 2.3, 2.4, 19, 100, 2.3, 2, 0.36, 1.6, 5, 0.96, 2.6, 750};

  public static void main(String[] args) throws Exception {
    // parquet-java logs every value at DEBUG when no logging is configured
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    Path out = Path.of(args[0]);
    int shards = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    Files.createDirectories(out);
    Random random = new Random(7);
    for (int s = 1; s <= shards; s++) {
      String[] kinds = {"csv", "csv.gz", "tsv", "parquet"};
      String kind = kinds[(s - 1) % kinds.length];
      Path file = out.resolve(String.format(Locale.ROOT, "wine-%03d.%s", s, kind));
      Path partial = out.resolve("." + file.getFileName() + ".partial");
      if (kind.equals("parquet")) {
        parquet(partial, rows, random);
      } else {
        text(partial, rows, random, kind.startsWith("tsv") ? '\t' : ',', kind.endsWith(".gz"));
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("wrote " + file + " (" + rows + " rows)");
      if (s < shards) {
        Thread.sleep(seconds * 1000L);
      }
    }
  }

  static double[] row(Random random, int cultivar) {
    double[] x = new double[COLUMNS.length];
    for (int j = 0; j < x.length; j++) {
      double shift = ((cultivar * 7 + j * 3) % 5 - 2) * 0.6;
      x[j] = BASE[j] + SCALE[j] * (shift + random.nextGaussian());
    }
    return x;
  }

  static void text(Path file, int rows, Random random, char delimiter, boolean gzip) throws IOException {
    var bytes = Files.newOutputStream(file);
    try (Writer w = new OutputStreamWriter(gzip ? new GZIPOutputStream(bytes) : bytes, StandardCharsets.UTF_8)) {
      w.write(String.join(String.valueOf(delimiter), COLUMNS) + delimiter + "cultivar\n");
      for (int i = 0; i < rows; i++) {
        int c = random.nextInt(3);
        double[] x = row(random, c);
        StringBuilder line = new StringBuilder();
        for (double v : x) {
          line.append(String.format(Locale.ROOT, "%.4f", v)).append(delimiter);
        }
        w.write(line.append(CULTIVARS.get(c)).append('\n').toString());
      }
    }
  }

  static void parquet(Path file, int rows, Random random) throws IOException {
    StringBuilder schema = new StringBuilder("message wine {");
    for (String c : COLUMNS) {
      schema.append(" required double ").append(c).append(';');
    }
    MessageType type = MessageTypeParser.parseMessageType(schema.append(" required binary cultivar (STRING); }")
        .toString());
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
        .withConf(new PlainParquetConfiguration()).withType(type).build()) {
      for (int i = 0; i < rows; i++) {
        int c = random.nextInt(3);
        double[] x = row(random, c);
        Group g = groups.newGroup();
        for (int j = 0; j < x.length; j++) {
          g.add(COLUMNS[j], x[j]);
        }
        g.add("cultivar", CULTIVARS.get(c));
        w.write(g);
      }
    }
  }
}
