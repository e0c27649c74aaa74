package dev.net2net.cli.daemon;

import dev.net2net.cli.UsageError;
import dev.net2net.daemon.Net2NetDaemon;
import dev.net2net.daemon.config.ConfigLoader;
import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.datasets.FashionMnist;
import dev.net2net.registry.model.AliasName;
import dev.net2net.registry.model.ModelName;
import dev.net2net.registry.model.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The daemon on embedded defaults, on a dataset that grows: Fashion-MNIST shards are dripped into a watched"
          + " folder (5,000 images to start, more every minute), the seed MLP is trained, and the shipped demo policy"
          + " widens and deepens it as the data grows and its accuracy stalls. Every event is printed.",
      "Needs nothing installed but Fashion-MNIST (Debian package dataset-fashion-mnist): an embedded PostgreSQL and"
          + " the artifacts live under the run folder. Ctrl-C stops it cleanly."
    },
    footer = {
      "",
      "Exit codes: 0 stopped (after --minutes, or on Ctrl-C), 2 bad input (e.g. Fashion-MNIST missing)."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String MODEL = "fashion-mlp";

  @Spec CommandSpec spec;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      description = "Stop by itself after M minutes (default: run until Ctrl-C).")
  Double minutes;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "The API's port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int httpPort;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Where demo runs keep their state (default: ~/.net2net/demo); each run gets a folder of its own.")
  Path home;

  @Option(
      names = "--start-rows",
      defaultValue = "5000",
      paramLabel = "N",
      description = "Images in the first shard (default: ${DEFAULT-VALUE}).")
  int startRows;

  @Option(
      names = "--drip-rows",
      defaultValue = "5000",
      paramLabel = "N",
      description = "Images in each later shard (default: ${DEFAULT-VALUE}).")
  int dripRows;

  @Option(
      names = "--drip-every",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "Seconds between shards (default: ${DEFAULT-VALUE}).")
  int dripSeconds;

  @Override
  public Integer call() throws Exception {
    if (minutes != null && !(minutes > 0)) {
      throw new UsageError("--minutes must be positive, got " + minutes);
    }
    if (startRows < 100 || dripRows < 1 || dripSeconds < 1) {
      throw new UsageError(
          "--start-rows must be at least 100, --drip-rows and --drip-every positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    FashionMnist.RawSplit train = FashionMnist.locate().raw(FashionMnist.Split.TRAIN);
    Path runs = home != null ? home : ConfigLoader.defaultHome().resolve("demo");
    Path run = newRun(runs);
    dev.net2net.cli.Logging.serviceTo(run.resolve("daemon.log"));
    Path data = run.resolve("data").resolve(MODEL);
    Files.createDirectories(data);
    Path policy = run.resolve("demo-policy.yaml");
    try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/demo.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the demo policy is missing from the jar");
      }
      Files.copy(in, policy);
    }
    DaemonConfig config =
        new DaemonConfig(
            run,
            new DaemonConfig.Http("127.0.0.1", httpPort, java.util.Optional.empty()),
            "embedded:" + run.resolve("postgres"),
            run.resolve("artifacts"),
            policy,
            List.of(
                new DaemonConfig.ModelSettings(
                    MODEL,
                    data,
                    new DaemonConfig.Validation.FashionMnistTest(2000),
                    new dev.net2net.training.seed.Seed.Mlp(List.of(128), "relu", 1e-3),
                    new DaemonConfig.SeedTraining(2, 64))),
            new DaemonConfig.Worker(
                "demo-worker",
                Duration.ofMinutes(2),
                Duration.ofSeconds(20),
                Duration.ofSeconds(2)),
            Duration.ofSeconds(20),
            Duration.ofSeconds(1),
            1e-4);

    Instant started = Instant.now();
    DemoConsole console = new DemoConsole(out, started);
    console.line("demo run folder %s", run);
    DataDrip drip = new DataDrip(train, data);
    console.line(
        "data       dripping Fashion-MNIST: %,d images now, %,d more every %d s (of %,d)",
        startRows, dripRows, dripSeconds, train.images().count());
    drip.drip(startRows);
    Net2NetDaemon daemon = Net2NetDaemon.start(config, console::accept);
    String base = "http://127.0.0.1:" + daemon.httpPort();
    console.line("daemon     up. Watch the model grow: %s/", base);
    console.line(
        "daemon     API %s/api/models/%s/versions  champion %s/api/models/%s/aliases/champion/artifact",
        base, MODEL, base, MODEL);
    console.line("daemon     metrics %s/metrics  OpenAPI %s/openapi.yaml", base, base);
    console.line("daemon     token for mutating calls: %s", run.resolve("api-token"));
    console.line(
        "daemon     the registry from another terminal: %s registry lineage %s:1 --db-url embedded:%s",
        selfCommand(), MODEL, run.resolve("postgres"));

    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-drip");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleAtFixedRate(
        () -> {
          try {
            drip.drip(dripRows);
          } catch (RuntimeException e) {
            console.line("data       dripping failed: %s", e.getMessage());
          }
        },
        dripSeconds,
        dripSeconds,
        TimeUnit.SECONDS);

    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(done::countDown, "demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean timedOut =
        minutes == null
            ? waitForever(done)
            : !done.await((long) (minutes * 60_000), TimeUnit.MILLISECONDS);
    scheduler.shutdownNow();
    console.line("stopping   %s", timedOut ? "the demo's time is up" : "interrupted");
    summary(console, daemon);
    daemon.stop();
    if (timedOut) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // the JVM is already shutting down
      }
    }
    console.line(
        "stopped. %d widen(s) and %d deepen(s) promoted.",
        console.widensPromoted(), console.deepensPromoted());
    return 0;
  }

  /**
   * How this program was started, for commands the user can paste: {@code java -jar
   * .../net2net.jar}.
   */
  static String selfCommand() {
    try {
      Path location =
          Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toString().endsWith(".jar") ? "java -jar " + location : "net2net";
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return "net2net";
    }
  }

  private static boolean waitForever(CountDownLatch done) throws InterruptedException {
    done.await();
    return false;
  }

  private static void summary(DemoConsole console, Net2NetDaemon daemon) {
    try {
      var registry = daemon.services().registry();
      ModelName name = new ModelName(MODEL);
      if (registry.models().find(name).isEmpty()) {
        return;
      }
      int champion = registry.aliases().resolve(name, AliasName.CHAMPION).orElse(-1);
      console.line("versions of %s (champion: v%d):", MODEL, champion);
      for (ModelVersion v : registry.versions().list(name)) {
        double accuracy =
            registry.versions().metrics(v.ref()).stream()
                .filter(
                    m ->
                        m.epoch().isEmpty()
                            && m.split().equals("validation")
                            && m.name().equals("accuracy"))
                .mapToDouble(m -> m.value())
                .findFirst()
                .orElse(Double.NaN);
        console.line(
            "  v%-3d parent %-4s %-8s %-34s %,9d parameters  accuracy %.4f",
            v.number(),
            v.parent().map(p -> "v" + p).orElse("-"),
            v.state().status().toString().toLowerCase(Locale.ROOT),
            v.transform().map(t -> t.summary()).orElse("seed"),
            v.parameterCount(),
            accuracy);
      }
    } catch (RuntimeException e) {
      console.line("(could not summarise the registry: %s)", e.getMessage());
    }
  }

  /** A fresh folder for this run; earlier runs whose database is not running are removed. */
  private static Path newRun(Path runs) throws IOException {
    Files.createDirectories(runs);
    try (Stream<Path> old = Files.list(runs)) {
      for (Path previous : old.filter(Files::isDirectory).toList()) {
        if (!serverRunning(previous.resolve("postgres"))) {
          deleteTree(previous);
        }
      }
    }
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path run = runs.resolve("run-" + stamp);
    Files.createDirectories(run);
    return run;
  }

  private static boolean serverRunning(Path dataDir) {
    Path pid = dataDir.resolve("postmaster.pid");
    try {
      if (!Files.exists(pid)) {
        return false;
      }
      long process = Long.parseLong(Files.readAllLines(pid).get(0).trim());
      return ProcessHandle.of(process).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
