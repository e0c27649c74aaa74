package dev.net2net.daemon;

import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.daemon.config.DaemonConfig.ModelSettings;
import dev.net2net.daemon.data.DatasetVerticle;
import dev.net2net.daemon.evaluation.EvaluationVerticle;
import dev.net2net.daemon.events.EventBusSink;
import dev.net2net.daemon.growth.GrowthWorkerVerticle;
import dev.net2net.daemon.http.ApiVerticle;
import dev.net2net.daemon.metrics.DaemonMeters;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.daemon.models.ModelData;
import dev.net2net.daemon.policy.PolicyEngine;
import dev.net2net.daemon.policy.PolicySet;
import dev.net2net.daemon.policy.PolicyVerticle;
import dev.net2net.registry.Registry;
import dev.net2net.registry.RegistryConfig;
import dev.net2net.registry.RegistryInputException;
import dev.net2net.registry.db.DatabaseUrl;
import dev.net2net.training.ComputeSettings;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the registry, the models and their data, the Vert.x verticles (a dataset
 * watcher per model, the champion evaluator, the policy engine, the growth worker, the HTTP API)
 * and the meters. {@link #start} refuses a bad configuration before anything runs; {@link #stop}
 * stops claiming work, hands a running job back for reclaiming, releases the leader lock and closes
 * the registry.
 */
public final class Net2NetDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Net2NetDaemon.class);

  private final Vertx vertx;
  private final DaemonServices services;
  private final ApiVerticle api;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Net2NetDaemon(Vertx vertx, DaemonServices services, ApiVerticle api) {
    this.vertx = vertx;
    this.services = services;
    this.api = api;
  }

  public static Net2NetDaemon start(DaemonConfig config) {
    return start(config, event -> {});
  }

  /**
   * Starts the daemon; {@code listener} sees every daemon event (on an event-loop thread: keep it
   * quick).
   */
  public static Net2NetDaemon start(
      DaemonConfig config, Consumer<dev.net2net.daemon.events.DaemonEvent> listener) {
    // Before any network is built: DL4J picks a layer's helpers when it creates the layer.
    config.compute().settings().apply();
    LOG.info("computing with {}", config.compute().settings());
    if (System.getenv("OPENBLAS_CORETYPE") == null) {
      LOG.info(
          "OPENBLAS_CORETYPE is not set: ND4J's OpenBLAS 0.3.19 falls back to its SSE3 kernels on CPUs"
              + " newer than it (about a fifth of the AVX-512 sgemm rate); OPENBLAS_CORETYPE={} suits"
              + " this CPU",
          ComputeSettings.suitableBlasCoreType());
    }
    try {
      Files.createDirectories(config.home());
    } catch (IOException e) {
      throw new DaemonStartException(
          "cannot create the home folder " + config.home() + ": " + e.getMessage(), e);
    }
    String token = token(config);
    PolicySet policies;
    try {
      policies = PolicySet.load(config.policies(), Instant.now());
    } catch (PolicySet.InvalidPolicyException e) {
      throw new DaemonStartException("the policy file is invalid: " + e.getMessage(), e);
    }
    for (String model : policies.byModel().keySet()) {
      if (config.model(model).isEmpty()) {
        LOG.warn(
            "policy for model '{}' ignored: the configuration does not manage that model", model);
      }
    }
    Map<String, ManagedModel> models = new LinkedHashMap<>();
    for (ModelSettings settings : config.models()) {
      try {
        ModelData.checkImportedSeed(settings);
        models.put(
            settings.name(),
            new ManagedModel(settings, ModelData.validation(settings, config.home())));
      } catch (IllegalArgumentException e) {
        throw new DaemonStartException(e.getMessage(), e);
      }
    }
    Registry registry;
    try {
      registry =
          Registry.open(
              RegistryConfig.of(DatabaseUrl.parse(config.databaseUrl()), config.artifacts()));
    } catch (RegistryInputException e) {
      throw new DaemonStartException(e.getMessage(), e);
    }
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List.of(
            new ClassLoaderMetrics(),
            new JvmMemoryMetrics(),
            new JvmGcMetrics(),
            new JvmThreadMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics())
        .forEach(b -> b.bindTo(prometheus));
    if (registry.database().dataSource() instanceof com.zaxxer.hikari.HikariDataSource pool) {
      pool.setMetricRegistry(prometheus);
    }
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setMetricsOptions(
                        new MicrometerMetricsOptions()
                            .setEnabled(true)
                            .setLabels(
                                Set.of(
                                    Label.HTTP_ROUTE,
                                    Label.HTTP_METHOD,
                                    Label.HTTP_CODE,
                                    Label.POOL_NAME))))
            .withMetrics(new MicrometerMetricsFactory(prometheus))
            .build();
    DaemonMeters meters = new DaemonMeters(prometheus);
    models.keySet().forEach(meters::registerModel);
    EventBusSink events = new EventBusSink(vertx);
    PolicyEngine engine = new PolicyEngine(registry, meters, events, policies);
    DaemonServices services =
        new DaemonServices(
            config,
            registry,
            models,
            engine,
            meters,
            prometheus,
            events,
            token,
            new AtomicBoolean());
    EventBusSink.subscribe(vertx, listener::accept);
    ApiVerticle api = new ApiVerticle(services);
    Net2NetDaemon daemon = new Net2NetDaemon(vertx, services, api);
    try {
      List<Future<?>> datasets = new ArrayList<>();
      for (ManagedModel model : models.values()) {
        datasets.add(vertx.deployVerticle(new DatasetVerticle(services, model)));
      }
      // The shards ingested before (their caches checked, or rebuilt) are back before any job can
      // run:
      // a worker that claimed a job first would find no data.
      Future.all(datasets).toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
      List<Future<?>> deployments = new ArrayList<>();
      deployments.add(vertx.deployVerticle(new EvaluationVerticle(services)));
      deployments.add(vertx.deployVerticle(new PolicyVerticle(services)));
      deployments.add(vertx.deployVerticle(new GrowthWorkerVerticle(services)));
      deployments.add(vertx.deployVerticle(api));
      Future.all(deployments).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      // The registry-wide gauges are read at once and then every 5 s, so that a scrape right
      // after the start already shows them.
      vertx.setPeriodic(
          1,
          5_000,
          id ->
              vertx
                  .executeBlocking(() -> registry.jobs().activeCount(java.util.Optional.empty()))
                  .onSuccess(meters::queueDepth));
      vertx.setPeriodic(
          1,
          5_000,
          id ->
              vertx
                  .executeBlocking(() -> registry.jobs().oldestQueuedAge())
                  .onSuccess(age -> meters.queueAge(age.orElse(Duration.ZERO))));
      vertx.setPeriodic(
          1,
          5_000,
          id ->
              vertx
                  .executeBlocking(
                      () -> registry.jobs().candidatesInFlight(java.util.Optional.empty()))
                  .onSuccess(meters::candidatesInFlight));
    } catch (Exception e) {
      daemon.stop();
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      throw new DaemonStartException("the daemon could not start: " + cause.getMessage(), cause);
    }
    LOG.info(
        "net2net daemon up: API on http://{}:{}, models {}, policies from {}",
        config.http().host(),
        api.port(),
        models.keySet(),
        config.policies());
    return daemon;
  }

  /**
   * The configured token, or one made once and kept in HOME/api-token, readable by the owner only.
   */
  private static String token(DaemonConfig config) {
    if (config.http().token().isPresent()) {
      return config.http().token().get();
    }
    Path file = config.home().resolve("api-token");
    try {
      if (Files.exists(file)) {
        String stored = Files.readString(file).trim();
        if (stored.length() >= 16) {
          return stored;
        }
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String token = HexFormat.of().formatHex(bytes);
      Files.writeString(file, token + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the folder's own permissions protect it
      }
      return token;
    } catch (IOException e) {
      throw new DaemonStartException(
          "cannot read or write the API token file " + file + ": " + e.getMessage(), e);
    }
  }

  public int httpPort() {
    return api.port();
  }

  /** The HTTP routes served, as {@code "GET /api/models/{name}"}. */
  public SortedSet<String> httpRoutes() {
    return api.routes();
  }

  public DaemonServices services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Stops gracefully: no new work, the running job cancelled between batches and handed back. */
  public void stop() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    services.stopping().set(true);
    try {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("stopping Vert.x: {}", e.toString());
    }
    services.registry().close();
    LOG.info("net2net daemon stopped");
  }

  @Override
  public void close() {
    stop();
  }
}
