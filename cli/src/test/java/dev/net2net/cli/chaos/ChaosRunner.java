package dev.net2net.cli.chaos;

import dev.net2net.datasets.FashionMnist;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one fault-injection scenario against real daemon processes on one database: replicas started
 * as separate JVMs, Fashion-MNIST shards dripped into their shared data folder so the model is
 * seeded and grown twice, the fault injected (kill -9 at a named failpoint, kill -9 of the lease
 * holder at a random moment of its growth, or the database restarted or stopped mid-growth), killed
 * replicas restarted, and once everything has settled the registry's invariants checked from the
 * database and the artifact store ({@link Invariants}).
 */
final class ChaosRunner {
  static final String MODEL = "chaos-mlp";
  static final String TOKEN = "chaos-token-0123456789abcdef";
  private static final int[] DRIPS = {1000, 1000, 1500};
  private static FashionMnist.RawSplit train;

  /** What goes wrong in a scenario. */
  enum Fault {
    FAILPOINT,
    RANDOM_KILL,
    POSTGRES_RESTART,
    POSTGRES_STOP
  }

  record Scenario(
      String name, Fault fault, Optional<String> failpoint, int replicas, Duration outage) {
    static Scenario killAt(String failpoint, int replicas) {
      return new Scenario(
          "kill -9 at " + failpoint + ", " + replicas + " replica" + (replicas > 1 ? "s" : ""),
          Fault.FAILPOINT,
          Optional.of(failpoint),
          replicas,
          Duration.ZERO);
    }

    static Scenario randomKill(int replicas, int round) {
      return new Scenario(
          "kill -9 of the lease holder at a random moment ("
              + round
              + "), "
              + replicas
              + " replicas",
          Fault.RANDOM_KILL,
          Optional.empty(),
          replicas,
          Duration.ZERO);
    }

    static Scenario postgres(Fault fault, int replicas, Duration outage) {
      return new Scenario(
          (fault == Fault.POSTGRES_RESTART
                  ? "PostgreSQL restarted"
                  : "PostgreSQL stopped for " + outage.toSeconds() + " s")
              + " mid-growth, "
              + replicas
              + " replicas",
          fault,
          Optional.empty(),
          replicas,
          outage);
    }
  }

  record Result(
      Scenario scenario,
      int kills,
      int faultsInjected,
      int versions,
      int jobs,
      int attempts,
      int decisions,
      List<String> anomalies,
      Optional<Double> recoverySeconds,
      double seconds) {}

  private final Scenario scenario;
  private final Path home;
  private final String databaseUrl;
  private final Optional<PrivatePostgres> postgres;
  private final Duration limit;
  private final Random random;
  private final List<Replica> replicas = new ArrayList<>();
  private int kills;
  private int faults;
  private Optional<Instant> faultAt = Optional.empty();
  private int dripped;
  private int shard;

  ChaosRunner(
      Scenario scenario,
      Path home,
      String databaseUrl,
      Optional<PrivatePostgres> postgres,
      Duration limit,
      long seed) {
    this.scenario = scenario;
    this.home = home;
    this.databaseUrl = databaseUrl;
    this.postgres = postgres;
    this.limit = limit;
    this.random = new Random(seed);
  }

  /** One daemon process, with its log; restarted under a new process after a kill. */
  private final class Replica {
    final int index;
    Process process;
    Path log;
    int generation;
    long readUpTo;

    Replica(int index) {
      this.index = index;
    }

    void start() throws IOException {
      generation++;
      log = home.resolve("replica-" + index + "-" + generation + ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx700m",
                  "-XX:+UseSerialGC",
                  "-Dlogback.configurationFile=" + home.resolve("logback.xml")));
      scenario
          .failpoint()
          .ifPresent(f -> command.add("-Dnet2net.failpoint=" + f + ":" + home.resolve("armed")));
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "dev.net2net.cli.Net2NetCommand",
              "daemon",
              "--config",
              home.resolve("daemon.yaml").toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("OMP_NUM_THREADS", "1");
      process = builder.start();
      readUpTo = 0;
    }

    /** True if the process announced that it stopped at the failpoint. */
    boolean atFailpoint() throws IOException {
      if (!Files.exists(log)) {
        return false;
      }
      String text = Files.readString(log);
      return text.contains("net2net failpoint reached");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      kills++;
    }

    String workerId() {
      return process.pid() + "@";
    }
  }

  Result run() throws Exception {
    Instant started = Instant.now();
    List<String> anomalies = new ArrayList<>();
    prepare();
    for (int i = 0; i < scenario.replicas(); i++) {
      Replica r = new Replica(i);
      r.start();
      replicas.add(r);
    }
    Instant deadline = started.plus(limit);
    try {
      drip(DRIPS[0]);
      boolean settled = false;
      int dripIndex = 1;
      boolean faultDone = scenario.fault() == Fault.FAILPOINT;
      while (Instant.now().isBefore(deadline)) {
        tend();
        if (!faultDone) {
          faultDone = injectIfGrowing();
        }
        Snapshot s = snapshot();
        if (s.champion().isPresent() && s.active() == 0 && s.enqueuedDecisions() == 0) {
          if (dripIndex < DRIPS.length && s.resolvedGrowths() >= dripIndex - 1) {
            drip(DRIPS[dripIndex++]);
          } else if (dripIndex == DRIPS.length
              && s.resolvedGrowths() >= DRIPS.length - 1
              && faultDone) {
            settled = true;
            break;
          }
        }
        Thread.sleep(200);
      }
      if (scenario.fault() == Fault.FAILPOINT && faults == 0) {
        anomalies.add("the failpoint " + scenario.failpoint().get() + " was never reached");
      }
      if (!settled) {
        anomalies.add("did not settle within " + limit.toSeconds() + " s: " + snapshot());
      }
      anomalies.addAll(checkReplicasSeeAllData());
    } finally {
      stopAll();
    }
    anomalies.addAll(
        new Invariants(databaseUrl, home.resolve("artifacts"), home.resolve("tmp"), dripped)
            .check());
    int[] counts = counts();
    Optional<Double> recovery = recoverySeconds();
    return new Result(
        scenario,
        kills,
        faults,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        anomalies,
        recovery,
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
  }

  private void prepare() throws IOException {
    Files.createDirectories(home.resolve("data"));
    Files.writeString(
        home.resolve("logback.xml"),
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
          </appender>
          <logger name="org.nd4j" level="WARN"/>
          <logger name="org.deeplearning4j" level="WARN"/>
          <logger name="com.zaxxer" level="WARN"/>
          <logger name="org.flywaydb" level="WARN"/>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    Files.writeString(
        home.resolve("policy.yaml"),
        String.format(
            Locale.ROOT,
            """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: chaos}
        spec:
          model: %s
          rules:
            - name: widen-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action: {widen: {layers: all-hidden, factor: 2}}
          training: {learningRateScale: 0.1, epochs: 4, batchSize: 64}
          promotion: {metric: accuracy, minImprovement: 0.0}
          guards: {cooldown: 1s, maxGrowthsPerDay: 1000, maxConsecutiveFailures: 100}
        """,
            MODEL));
    Files.writeString(
        home.resolve("daemon.yaml"),
        String.format(
            Locale.ROOT,
            """
        home: %s
        http: {host: 127.0.0.1, port: 0, token: %s}
        database: {url: "%s"}
        artifacts: %s
        policies: %s
        models:
          - name: %s
            data: %s
            validation: {fashionMnistTest: 500}
            seed: {mlp: {hidden: [32], activation: relu}}
            seedTraining: {epochs: 2, batchSize: 64}
        worker: {lease: 4s, poll: 1s}
        evaluation: {interval: 5s}
        watch: {interval: 1s}
        """,
            home,
            TOKEN,
            databaseUrl,
            home.resolve("artifacts"),
            home.resolve("policy.yaml"),
            MODEL,
            home.resolve("data")));
    if (scenario.failpoint().isPresent()) {
      Files.writeString(home.resolve("armed"), scenario.failpoint().get());
    }
  }

  /** Kills a replica that stopped at the failpoint and starts it again; restarts any that died. */
  private void tend() throws Exception {
    for (Replica r : replicas) {
      if (r.process.isAlive() && r.atFailpoint()) {
        faultAt = Optional.of(Instant.now());
        faults++;
        r.kill();
        Thread.sleep(300);
        r.start();
      } else if (!r.process.isAlive()) {
        r.start();
      }
    }
  }

  /** The fault of the non-failpoint scenarios, once a growth job is running; true when done. */
  private boolean injectIfGrowing() throws Exception {
    Optional<String> holder = runningGrowthHolder();
    if (holder.isEmpty()) {
      return false;
    }
    Thread.sleep(random.nextInt(2500));
    switch (scenario.fault()) {
      case RANDOM_KILL -> {
        for (Replica r : replicas) {
          if (holder.get().startsWith(r.workerId())) {
            faultAt = Optional.of(Instant.now());
            faults++;
            r.kill();
            Thread.sleep(300);
            r.start();
            return true;
          }
        }
        return false;
      }
      case POSTGRES_RESTART -> {
        faultAt = Optional.of(Instant.now());
        faults++;
        postgres.orElseThrow().restart();
        return true;
      }
      case POSTGRES_STOP -> {
        faultAt = Optional.of(Instant.now());
        faults++;
        postgres.orElseThrow().stopServer();
        Thread.sleep(scenario.outage().toMillis());
        postgres.orElseThrow().startServer();
        return true;
      }
      default -> {
        return true;
      }
    }
  }

  private Optional<String> runningGrowthHolder() {
    try (Connection c = DriverManager.getConnection(databaseUrl);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT lease_owner FROM growth_jobs WHERE status = 'running'"
                    + " AND decision_id IS NOT NULL ORDER BY id LIMIT 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  record Snapshot(
      Optional<Integer> champion,
      int active,
      int enqueuedDecisions,
      int resolvedGrowths,
      long championRows) {}

  private Snapshot snapshot() {
    try (Connection c = DriverManager.getConnection(databaseUrl)) {
      Optional<Integer> champion = Optional.empty();
      long championRows = -1;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT v.version_number, v.dataset_rows FROM aliases a"
                  + " JOIN model_versions v ON v.id = a.version_id JOIN models m ON m.id = a.model_id"
                  + " WHERE m.name = ? AND a.name = 'champion'")) {
        s.setString(1, MODEL);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            champion = Optional.of(rs.getInt(1));
            championRows = rs.getLong(2);
          }
        }
      }
      int active =
          count(c, "SELECT count(*) FROM growth_jobs WHERE status IN ('queued', 'running')");
      int enqueued = count(c, "SELECT count(*) FROM policy_decisions WHERE outcome = 'enqueued'");
      int resolved =
          count(
              c,
              "SELECT count(*) FROM policy_decisions WHERE outcome IN ('promoted', 'rejected', 'failed')");
      return new Snapshot(champion, active, enqueued, resolved, championRows);
    } catch (SQLException e) {
      return new Snapshot(Optional.empty(), -1, -1, -1, -1);
    }
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Versions, jobs, attempts, decisions (growths, not "held" notes). */
  private int[] counts() throws SQLException {
    try (Connection c = DriverManager.getConnection(databaseUrl)) {
      return new int[] {
        count(c, "SELECT count(*) FROM model_versions"),
        count(c, "SELECT count(*) FROM growth_jobs"),
        count(c, "SELECT coalesce(sum(attempts), 0) FROM growth_jobs"),
        count(
            c,
            "SELECT count(*) FROM policy_decisions WHERE outcome NOT IN ('held', 'requested', 'consumed')")
      };
    }
  }

  /**
   * From the fault to the next claim of a job (another worker, or the restarted one, taking the
   * work back).
   */
  private Optional<Double> recoverySeconds() throws SQLException {
    if (faultAt.isEmpty()) {
      return Optional.empty();
    }
    try (Connection c = DriverManager.getConnection(databaseUrl);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT extract(epoch FROM min(occurred_at) - ?) FROM events"
                    + " WHERE type = 'job.claimed' AND occurred_at > ?")) {
      Timestamp at = Timestamp.from(faultAt.get());
      s.setTimestamp(1, at);
      s.setTimestamp(2, at);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        double v = rs.getDouble(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
      }
    }
  }

  /** Every live replica's own view of the data: each shard counted once, none lost. */
  private List<String> checkReplicasSeeAllData() throws Exception {
    List<String> problems = new ArrayList<>();
    var client = java.net.http.HttpClient.newHttpClient();
    for (Replica r : replicas) {
      Optional<Integer> port = port(r);
      if (port.isEmpty() || !r.process.isAlive()) {
        continue;
      }
      var response =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          "http://127.0.0.1:" + port.get() + "/api/models/" + MODEL))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      String rows = body.replaceAll("(?s).*\"datasetRows\":(\\d+).*", "$1");
      if (!rows.equals(String.valueOf(dripped))) {
        problems.add(
            "replica " + r.index + " sees " + rows + " rows, " + dripped + " were dripped");
      }
    }
    return problems;
  }

  private static Optional<Integer> port(Replica r) throws IOException {
    String text = Files.readString(r.log);
    var m = java.util.regex.Pattern.compile("API on http://127.0.0.1:(\\d+)").matcher(text);
    Optional<Integer> port = Optional.empty();
    while (m.find()) {
      port = Optional.of(Integer.parseInt(m.group(1)));
    }
    return port;
  }

  private void stopAll() throws InterruptedException {
    for (Replica r : replicas) {
      r.process.destroy();
    }
    for (Replica r : replicas) {
      if (!r.process.waitFor(40, TimeUnit.SECONDS)) {
        r.process.destroyForcibly();
        r.process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private void drip(int rows) throws IOException {
    FashionMnist.RawSplit source = source();
    String stem = String.format(Locale.ROOT, "shard-%03d", ++shard);
    Path data = home.resolve("data");
    Path labels = data.resolve("." + stem + "-labels.partial");
    Path images = data.resolve("." + stem + "-images.partial");
    source.labels().slice(dripped, dripped + rows).writeGzip(labels);
    source.images().slice(dripped, dripped + rows).writeGzip(images);
    Files.move(
        labels, data.resolve(stem + "-labels-idx1-ubyte.gz"), StandardCopyOption.ATOMIC_MOVE);
    Files.move(
        images, data.resolve(stem + "-images-idx3-ubyte.gz"), StandardCopyOption.ATOMIC_MOVE);
    dripped += rows;
  }

  private static synchronized FashionMnist.RawSplit source() {
    if (train == null) {
      train = FashionMnist.locate().raw(FashionMnist.Split.TRAIN);
    }
    return train;
  }

  static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
