package dev.net2net.bench.registry;

import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryConfig;
import dev.net2net.registry.Sha256;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.artifact.StoredArtifact;
import dev.net2net.registry.db.DatabaseUrl;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.Lineage;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

// Longer than 400 lines because it is one benchmark program: its options, its workloads against
// one database and its report, kept together so that a run is one readable file.
/**
 * Registry benchmark: registration throughput (versions per second, small artifacts, through the
 * public API with its fsyncs and commits) and lineage query latency with 100,000 versions in the
 * registry.
 *
 * <p>The bulk of the 100,000 versions is inserted with batched SQL (all naming one stored
 * artifact), because the point is the size and shape of the tables the lineage queries run against,
 * not how they got there; registrations through the API are timed separately, before and after the
 * fill.
 *
 * <p>Usage: {@code RegistryBenchmark [--db-url URL] [--versions N] [--registrations N] [--threads
 * 1,4] [--out FILE]}. Without {@code --db-url}, an embedded PostgreSQL in a temporary directory is
 * used.
 */
public final class RegistryBenchmark {

  record Options(
      String dbUrl, int versions, int registrations, int[] threads, int lineageQueries, Path out) {
    static Options parse(String[] args) {
      String dbUrl = null;
      int versions = 100_000;
      int registrations = 1_000;
      int[] threads = {1, 4};
      int queries = 200;
      Path out = Path.of("docs/results/registry-benchmark.md");
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--db-url" -> dbUrl = value;
          case "--versions" -> versions = Integer.parseInt(value);
          case "--registrations" -> registrations = Integer.parseInt(value);
          case "--threads" ->
              threads = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
          case "--lineage-queries" -> queries = Integer.parseInt(value);
          case "--out" -> out = Path.of(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; usage: [--db-url URL] [--versions N] [--registrations N] [--threads 1,4] [--lineage-queries N] [--out FILE]");
        }
        i++;
      }
      if (versions < 4_000 || versions % CHAIN != 0) {
        throw new IllegalArgumentException(
            "--versions must be a multiple of 1000, at least 4000 (four lineage shapes of 1,000)");
      }
      return new Options(dbUrl, versions, registrations, threads, queries, out);
    }
  }

  record Throughput(int threads, int registrations, double seconds, int registeredBefore) {
    double perSecond() {
      return registrations / seconds;
    }
  }

  record Latency(
      String query,
      String shape,
      int ancestors,
      int descendants,
      double p50,
      double p95,
      double max) {}

  private static final DatasetSnapshot DATA =
      new DatasetSnapshot(60_000, Sha256.of("benchmark".getBytes(StandardCharsets.UTF_8)));
  private static final int CHAIN = 1_000;

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path scratch = Files.createTempDirectory("net2net-registry-bench");
    DatabaseUrl url =
        options.dbUrl() == null
            ? new DatabaseUrl.Embedded(scratch.resolve("postgres"))
            : DatabaseUrl.parse(options.dbUrl());
    try (Registry registry =
        Registry.open(RegistryConfig.of(url, scratch.resolve("artifacts")).withMaxPoolSize(16))) {
      String report = run(registry, options, url);
      Files.createDirectories(options.out().toAbsolutePath().getParent());
      Files.writeString(options.out(), report);
      System.out.println(report);
      System.out.println("Written to " + options.out().toAbsolutePath());
    } finally {
      deleteRecursively(scratch);
    }
  }

  static String run(Registry registry, Options options, DatabaseUrl url) throws Exception {
    Instant started = Instant.now();
    List<Throughput> throughputs = new ArrayList<>();
    for (int threads : options.threads()) {
      throughputs.add(
          measureRegistrations(
              registry,
              "empty-" + threads,
              threads,
              options.registrations(),
              countVersions(registry)));
    }
    log("adding " + options.versions() + " versions in bulk");
    fill(registry, options.versions());
    int filled = countVersions(registry);
    for (int threads : options.threads()) {
      throughputs.add(
          measureRegistrations(
              registry,
              "full-" + threads,
              threads,
              options.registrations(),
              countVersions(registry)));
    }
    List<Latency> latencies = measureLineage(registry, options.lineageQueries());
    return report(
        registry,
        options,
        url,
        throughputs,
        latencies,
        filled,
        Duration.between(started, Instant.now()));
  }

  /**
   * Registers seed-then-chain versions of one fresh model per thread, each with its own 4 KiB
   * artifact.
   */
  static Throughput measureRegistrations(
      Registry registry, String label, int threads, int total, int before) throws Exception {
    log("registering " + total + " versions with " + threads + " thread(s)");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<ModelName> models = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        ModelName model = ModelName.of("throughput-" + label + "-" + t);
        registry.models().create(model, "registration benchmark");
        models.add(model);
      }
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        ModelName model = models.get(t);
        int share = total / threads + (t < total % threads ? 1 : 0);
        Random random = new Random(t);
        futures.add(
            pool.submit(
                () -> {
                  ModelVersion previous = null;
                  for (int i = 0; i < share; i++) {
                    byte[] artifact = new byte[4096];
                    random.nextBytes(artifact);
                    NewVersion request =
                        previous == null
                            ? NewVersion.seed(model, "dense 784-64-10", 50_890, DATA)
                            : NewVersion.grown(
                                previous.ref(),
                                Transform.widen("dense_0", 64, 65, 0.01, i),
                                "dense",
                                50_890,
                                DATA,
                                1e-7);
                    previous =
                        registry.versions().register(request, ArtifactSource.ofBytes(artifact));
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Throughput(threads, total, seconds, before);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Adds {@code count} versions in models of 1,000 versions each, cycling through four shapes: a
   * chain (parent = previous), a binary tree (parent = n/2), a broom (a 500-deep chain, then 500
   * children of its tip) and a star (every version a child of the seed).
   */
  static void fill(Registry registry, int count) throws SQLException {
    if (count <= 0) {
      return;
    }
    StoredArtifact shared =
        registry
            .artifacts()
            .put(ArtifactSource.ofBytes("shared bulk artifact".getBytes(StandardCharsets.UTF_8)));
    String transform = Transform.widen("dense_0", 64, 128, 0.01, 1).json().text();
    try (Connection connection = registry.database().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      int models = (count + CHAIN - 1) / CHAIN;
      for (int m = 0; m < models; m++) {
        String shape = shapeOf(m);
        int size = Math.min(CHAIN, count - m * CHAIN);
        ModelName model = ModelName.of("bulk-" + shape + "-" + m);
        long modelId = registry.models().create(model, "bulk " + shape).id();
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO model_versions (model_id, version_number, parent_version_id, transform, architecture,"
                    + " parameter_count, dataset_rows, dataset_digest, preservation_error, status, artifact_sha256,"
                    + " artifact_size, artifact_uri)"
                    + " VALUES (?, ?, (SELECT id FROM model_versions WHERE model_id = ? AND version_number = ?),"
                    + " CASE WHEN ? > 0 THEN ?::jsonb END, 'dense 784-128-10', 101770, 60000, ?, CASE WHEN ? > 0 THEN 1e-7 END,"
                    + " 'ready', ?, ?, ?)")) {
          for (int n = 1; n <= size; n++) {
            int parent = parentOf(shape, n);
            insert.setLong(1, modelId);
            insert.setInt(2, n);
            insert.setLong(3, modelId);
            insert.setInt(4, parent);
            insert.setInt(5, parent);
            insert.setString(6, transform);
            insert.setString(7, DATA.digest().hex());
            insert.setInt(8, parent);
            insert.setString(9, shared.sha256().hex());
            insert.setLong(10, shared.size());
            insert.setString(11, shared.uri().toString());
            insert.addBatch();
          }
          insert.executeBatch();
        }
        try (PreparedStatement counter =
            connection.prepareStatement("UPDATE models SET last_version_number = ? WHERE id = ?")) {
          counter.setInt(1, size);
          counter.setLong(2, modelId);
          counter.executeUpdate();
        }
        connection.commit();
        if ((m + 1) % 10 == 0) {
          log("  " + Math.min(count, (m + 1) * CHAIN) + " of " + count + " bulk versions");
        }
      }
      try (Statement analyze = connection.createStatement()) {
        analyze.execute("ANALYZE");
      }
      connection.commit();
    }
  }

  static String shapeOf(int modelIndex) {
    return switch (modelIndex % 4) {
      case 0 -> "chain";
      case 1 -> "tree";
      case 2 -> "broom";
      default -> "star";
    };
  }

  /** The parent number of version {@code n} (0 for the seed). */
  static int parentOf(String shape, int n) {
    if (n == 1) {
      return 0;
    }
    return switch (shape) {
      case "chain" -> n - 1;
      case "tree" -> n / 2;
      case "broom" -> n <= CHAIN / 2 ? n - 1 : CHAIN / 2;
      default -> 1;
    };
  }

  static List<Latency> measureLineage(Registry registry, int queries) {
    log("timing lineage queries");
    Map<String, VersionRef> cases = new LinkedHashMap<>();
    cases.put("chain leaf (v1000)", VersionRef.of("bulk-chain-0", 1000));
    cases.put("chain middle (v500)", VersionRef.of("bulk-chain-0", 500));
    cases.put("chain seed (v1)", VersionRef.of("bulk-chain-0", 1));
    cases.put("tree seed (v1)", VersionRef.of("bulk-tree-1", 1));
    cases.put("tree leaf (v1000)", VersionRef.of("bulk-tree-1", 1000));
    cases.put("broom tip (v500)", VersionRef.of("bulk-broom-2", 500));
    cases.put("star seed (v1)", VersionRef.of("bulk-star-3", 1));
    List<Latency> latencies = new ArrayList<>();
    for (Map.Entry<String, VersionRef> entry : cases.entrySet()) {
      VersionRef ref = entry.getValue();
      for (int i = 0; i < 20; i++) {
        registry.versions().lineage(ref); // warm-up: JIT and the server's caches
      }
      double[] millis = new double[queries];
      Lineage lineage = null;
      for (int i = 0; i < queries; i++) {
        long start = System.nanoTime();
        lineage = registry.versions().lineage(ref);
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(millis);
      latencies.add(
          new Latency(
              entry.getKey(),
              ref.toString(),
              lineage.ancestors().size(),
              lineage.descendants().size(),
              percentile(millis, 0.50),
              percentile(millis, 0.95),
              millis[millis.length - 1]));
    }
    return latencies;
  }

  static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static int countVersions(Registry registry) throws SQLException {
    try (Connection connection = registry.database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM model_versions")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static String report(
      Registry registry,
      Options options,
      DatabaseUrl url,
      List<Throughput> throughputs,
      List<Latency> latencies,
      int filled,
      Duration took)
      throws SQLException, IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Registry benchmark\n\n");
    md.append(
            "Registration throughput through the public API (`Versions.register`: artifact written to a temporary file, ")
        .append(
            "fsynced, renamed, directory fsynced, then the version row committed) and lineage query latency ")
        .append("(`Versions.lineage`: two recursive CTEs plus row mapping) with ")
        .append(String.format(Locale.ROOT, "%,d", filled))
        .append(" versions in the registry.\n\n");
    md.append("## Machine\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| date | ").append(Instant.now()).append(" |\n");
    md.append("| CPU | ")
        .append(cpuModel())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores visible |\n");
    md.append("| memory | ").append(memory()).append(" |\n");
    md.append("| OS | ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(" |\n");
    md.append("| Java | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append(" |\n");
    md.append("| PostgreSQL | ")
        .append(postgresVersion(registry))
        .append(" (")
        .append(
            url instanceof DatabaseUrl.Embedded
                ? "embedded, default settings, data in a temporary directory"
                : "external: " + url.redacted())
        .append(") |\n");
    md.append("| artifact store | local file system (temporary directory) |\n\n");
    md.append("## Command\n\n```\n")
        .append("mvn -B -ntp -q -pl bench -am -DskipTests package\n")
        .append(
            "java -cp \"bench/target/classes:$(cat bench/target/runtime-classpath.txt)\" dev.net2net.bench.registry.RegistryBenchmark")
        .append(" --versions ")
        .append(options.versions())
        .append(" --registrations ")
        .append(options.registrations())
        .append(" --threads ")
        .append(
            String.join(",", Arrays.stream(options.threads()).mapToObj(String::valueOf).toList()))
        .append(" --out ")
        .append(options.out())
        .append("\n```\n\n");
    md.append("Total run time: ").append(took.toSeconds()).append(" s.\n\n");
    md.append("## Registration throughput (4 KiB artifacts)\n\n");
    md.append(
        "| threads | versions already in the registry | registrations | seconds | versions/s |\n|---:|---:|---:|---:|---:|\n");
    for (Throughput t : throughputs) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %,d | %,d | %.2f | %.0f |%n",
              t.threads(),
              t.registeredBefore(),
              t.registrations(),
              t.seconds(),
              t.perSecond()));
    }
    md.append(
            "\nEach registration is one transaction and two fsyncs of the artifact store plus PostgreSQL's commit ")
        .append(
            "flush; registrations of one model serialise on its version counter row, so threads here register ")
        .append("into separate models.\n\n");
    md.append("## Lineage latency with ")
        .append(String.format(Locale.ROOT, "%,d", filled))
        .append(" versions\n\n");
    md.append(
            "Shapes: models of 1,000 versions each, cycling chain (parent = previous), binary tree (parent = n/2), ")
        .append(
            "broom (a 500-deep chain whose tip has 500 children) and star (all children of the seed). ")
        .append(options.lineageQueries())
        .append(" timed queries per case after 20 warm-up queries; milliseconds, end to end ")
        .append("through JDBC including mapping every returned version.\n\n");
    md.append(
        "| case | version | ancestors | descendants | p50 ms | p95 ms | max ms |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (Latency l : latencies) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %,d | %.2f | %.2f | %.2f |%n",
              l.query(),
              l.shape(),
              l.ancestors(),
              l.descendants(),
              l.p50(),
              l.p95(),
              l.max()));
    }
    md.append(
            "\nThe bulk of the versions was inserted with batched SQL naming one shared artifact (the tables' size ")
        .append(
            "and shape are what the lineage queries see); the registrations in the throughput table went ")
        .append("through the API with their own artifacts.\n");
    return md.toString();
  }

  private static String postgresVersion(Registry registry) throws SQLException {
    try (Connection connection = registry.database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static String memory() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      return lines
          .filter(l -> l.startsWith("MemTotal"))
          .findFirst()
          .map(
              l ->
                  String.format(
                      Locale.ROOT,
                      "%.1f GiB",
                      Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void log(String message) {
    System.err.println("[registry-bench] " + message);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private RegistryBenchmark() {}
}
