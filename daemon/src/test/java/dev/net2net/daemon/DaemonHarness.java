package dev.net2net.daemon;

import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryConfig;
import dev.net2net.registry.Sha256;
import dev.net2net.registry.TestDatabase;
import dev.net2net.registry.artifact.ArtifactSource;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.DatasetSnapshot;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.NewVersion;
import dev.net2net.registry.model.Transform;
import dev.net2net.registry.model.VersionRef;
import dev.net2net.registry.model.VersionState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A daemon under test: its own database on the real PostgreSQL, its own home and data folder, a
 * tiny seed MLP, short intervals and leases, real Fashion-MNIST shards dripped in, and a registry
 * handle and an HTTP client for looking from outside.
 */
public final class DaemonHarness implements AutoCloseable {
  public static final String MODEL = "test-mlp";
  public static final String TOKEN = "test-token-0123456789abcdef";
  private static FashionMnist.RawSplit train;

  private final TestDatabase database;
  private final Path home;
  private final Path data;
  private final Path policy;
  private final List<Net2NetDaemon> daemons = new ArrayList<>();
  public final List<DaemonEvent> events = new CopyOnWriteArrayList<>();
  private Registry observer;
  private int offset;
  private int shard;
  private final HttpClient http = HttpClient.newHttpClient();

  private DaemonHarness(TestDatabase database, Path home) throws IOException {
    this.database = database;
    this.home = home;
    this.data = home.resolve("data");
    this.policy = home.resolve("policy.yaml");
    Files.createDirectories(data);
  }

  public static DaemonHarness create(String purpose, String policyYaml) throws IOException {
    DaemonHarness harness =
        new DaemonHarness(
            TestDatabase.create(purpose), Files.createTempDirectory("n2n-" + purpose));
    harness.writePolicy(policyYaml);
    return harness;
  }

  /** A policy that widens on data growth; the gate asks for {@code minImprovement}. */
  public static String widenOnGrowth(double minImprovement, int epochs) {
    return String.format(
        Locale.ROOT,
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: test}
        spec:
          model: %s
          rules:
            - name: widen-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action: {widen: {layers: all-hidden, factor: 2}}
            - name: manual-deepen
              when: {manual: true}
              action: {deepen: {after: last-hidden}}
          training: {learningRateScale: 0.1, epochs: %d, batchSize: 64}
          promotion: {metric: accuracy, minImprovement: %s}
          guards: {cooldown: 1s, maxGrowthsPerDay: 1000, maxConsecutiveFailures: 100}
        """,
        MODEL,
        epochs,
        minImprovement);
  }

  /**
   * A policy that widens every Inception tower on data growth and always promotes a candidate that
   * is as good.
   */
  public static String widenTowersOnGrowth() {
    return String.format(
        Locale.ROOT,
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: towers}
        spec:
          model: %s
          rules:
            - name: widen-towers-on-growth
              when: {datasetGrowth: {ratio: 1.5}}
              action: {widenTowers: {factor: 1.5}}
          training: {learningRateScale: 0.1, epochs: 1, batchSize: 64}
          promotion: {metric: accuracy, minImprovement: 0.0}
          guards: {cooldown: 1s}
        """,
        MODEL);
  }

  public void writePolicy(String yaml) throws IOException {
    Files.writeString(policy, yaml);
  }

  public Path policyFile() {
    return policy;
  }

  public Path dataFolder() {
    return data;
  }

  public Path home() {
    return home;
  }

  public TestDatabase database() {
    return database;
  }

  public DaemonConfig config(String worker, int hidden) {
    return config(worker, new dev.net2net.training.seed.Seed.Mlp(List.of(hidden), "relu", 1e-3));
  }

  public DaemonConfig config(String worker, dev.net2net.training.seed.Seed seed) {
    return config(
        new DaemonConfig.Worker(
            worker, Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofMillis(300)),
        seed);
  }

  public DaemonConfig config(DaemonConfig.Worker worker, dev.net2net.training.seed.Seed seed) {
    return new DaemonConfig(
        home,
        new DaemonConfig.Http("127.0.0.1", 0, Optional.of(TOKEN)),
        database.url().url(),
        home.resolve("artifacts"),
        policy,
        List.of(
            new DaemonConfig.ModelSettings(
                MODEL,
                data,
                new DaemonConfig.Validation.FashionMnistTest(500),
                seed,
                new DaemonConfig.SeedTraining(1, 64))),
        worker,
        Duration.ofSeconds(2),
        Duration.ofMillis(200),
        1e-4);
  }

  /**
   * A replica's configuration: like {@link #config(String, int)} but with a home of its own (its
   * shard cache and scratch files), as replicas on separate hosts have; the database, artifact
   * store, data folder and policy stay shared.
   */
  public DaemonConfig replicaConfig(String worker, int hidden) {
    DaemonConfig shared = config(worker, hidden);
    return new DaemonConfig(
        home.resolve("replica-" + worker),
        shared.http(),
        shared.databaseUrl(),
        shared.artifacts(),
        shared.policies(),
        shared.models(),
        shared.worker(),
        shared.evaluationInterval(),
        shared.scanInterval(),
        shared.preservationTolerance(),
        shared.leader(),
        shared.compute());
  }

  public Net2NetDaemon start(String worker) {
    return start(config(worker, 16));
  }

  public Net2NetDaemon start(DaemonConfig config) {
    Net2NetDaemon daemon = Net2NetDaemon.start(config, events::add);
    daemons.add(daemon);
    return daemon;
  }

  /** Writes the next {@code rows} Fashion-MNIST training images as one IDX shard. */
  public synchronized void drip(int rows) {
    FashionMnist.RawSplit source = source();
    String stem = String.format(Locale.ROOT, "shard-%03d", ++shard);
    source
        .labels()
        .slice(offset, offset + rows)
        .writeGzip(data.resolve(stem + "-labels-idx1-ubyte.gz"));
    source
        .images()
        .slice(offset, offset + rows)
        .writeGzip(data.resolve(stem + "-images-idx3-ubyte.gz"));
    offset += rows;
  }

  private static synchronized FashionMnist.RawSplit source() {
    if (train == null) {
      train = FashionMnist.locate().raw(FashionMnist.Split.TRAIN);
    }
    return train;
  }

  /** A registry handle of the test's own, as another process would have. */
  public synchronized Registry registry() {
    if (observer == null) {
      observer = Registry.open(RegistryConfig.of(database.url(), home.resolve("artifacts")));
    }
    return observer;
  }

  /** Waits until the test model has a champion: its seed, trained by a started daemon. */
  public void awaitSeed() throws InterruptedException {
    ModelName name = new ModelName(MODEL);
    await(
        Duration.ofMinutes(2),
        "the seed",
        () ->
            registry().models().find(name).isPresent()
                && registry().aliases().resolve(name, AliasName.CHAMPION).isPresent());
  }

  /**
   * Registers a model of {@code count} ready versions without training (a seed, then widenings of
   * it, with small artifacts) and points its champion at {@code champion}.
   */
  public static void registerReadyVersions(
      Registry registry, ModelName model, int count, int champion) {
    registry.models().create(model, "");
    DatasetSnapshot data = new DatasetSnapshot(10, Sha256.of(new byte[] {1}));
    registry
        .versions()
        .register(
            NewVersion.seed(model, "dense 784-8-10", 6370, data).withState(VersionState.ready()),
            ArtifactSource.ofBytes("v1".getBytes(StandardCharsets.UTF_8)));
    for (int v = 2; v <= count; v++) {
      registry
          .versions()
          .register(
              NewVersion.grown(
                      new VersionRef(model, v - 1),
                      Transform.widen("dense_0", 8, 16, 0, 1),
                      "dense 784-16-10",
                      12730,
                      data,
                      0)
                  .withState(VersionState.ready()),
              ArtifactSource.ofBytes(("v" + v).getBytes(StandardCharsets.UTF_8)));
    }
    registry
        .aliases()
        .move(
            AliasName.CHAMPION, new VersionRef(model, champion), Optional.empty(), "test", "setup");
  }

  public static void await(Duration limit, String what, BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  public record Response(int status, String body) {}

  public Response get(Net2NetDaemon daemon, String path) throws IOException, InterruptedException {
    return send(daemon, HttpRequest.newBuilder(uri(daemon, path)).GET().build());
  }

  public Response send(
      Net2NetDaemon daemon, String method, String path, Optional<String> token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(daemon, path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("content-type", "application/json");
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return send(daemon, b.build());
  }

  private Response send(Net2NetDaemon daemon, HttpRequest request)
      throws IOException, InterruptedException {
    // A daemon that never answers fails the test with the request named, rather than hanging CI.
    // The request's own timeout ends at the response headers; the bound covers the body too.
    HttpRequest bounded =
        HttpRequest.newBuilder(request, (name, value) -> true)
            .timeout(java.time.Duration.ofSeconds(120))
            .build();
    var pending = http.sendAsync(bounded, HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> r = pending.get(150, java.util.concurrent.TimeUnit.SECONDS);
      if (r.version() != HttpClient.Version.HTTP_1_1) {
        throw new AssertionError(request + " was answered over " + r.version() + ", not HTTP/1.1");
      }
      return new Response(r.statusCode(), r.body());
    } catch (java.util.concurrent.TimeoutException e) {
      pending.cancel(true);
      throw new AssertionError(request + " got no complete response in 150 s", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(request + " failed", e.getCause());
    }
  }

  private static URI uri(Net2NetDaemon daemon, String path) {
    return URI.create("http://127.0.0.1:" + daemon.httpPort() + path);
  }

  @Override
  public void close() throws IOException {
    for (Net2NetDaemon daemon : daemons) {
      daemon.stop();
    }
    if (observer != null) {
      observer.close();
    }
    database.close();
    try (Stream<Path> walk = Files.walk(home)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
