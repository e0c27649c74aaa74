package dev.net2net.daemon.evaluation;

import dev.net2net.daemon.DaemonServices;
import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.daemon.events.EventBusSink;
import dev.net2net.daemon.models.ManagedModel;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates each model's champion after its data grew, after a growth finished, and every
 * evaluation interval, on a worker executor of its own so that inference never waits behind
 * training. Requests that arrive while an evaluation runs are coalesced into one more.
 */
public final class EvaluationVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationVerticle.class);

  private final DaemonServices services;
  private final Map<String, ChampionEvaluator> evaluators = new HashMap<>();
  private final Map<String, Boolean> running = new HashMap<>();
  private final Map<String, Boolean> again = new HashMap<>();
  private WorkerExecutor executor;
  private long timer = -1;

  public EvaluationVerticle(DaemonServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    executor = vertx.createSharedWorkerExecutor("net2net-evaluation", 1, 1, TimeUnit.HOURS);
    for (ManagedModel model : services.models().values()) {
      evaluators.put(model.name(), new ChampionEvaluator(services.registry(), services.meters()));
    }
    EventBusSink.subscribe(
        vertx,
        event -> {
          if (event.type().equals(DaemonEvent.DATASET_GREW)
              || event.type().equals(DaemonEvent.GROWTH_FINISHED)) {
            request(event.model());
          }
        });
    timer =
        vertx.setPeriodic(
            1000,
            services.config().evaluationInterval().toMillis(),
            id -> services.models().keySet().forEach(this::request));
    return Future.succeededFuture();
  }

  private void request(String model) {
    if (!evaluators.containsKey(model) || services.stopping().get()) {
      return;
    }
    if (running.getOrDefault(model, false)) {
      again.put(model, true);
      return;
    }
    running.put(model, true);
    ManagedModel managed = services.models().get(model);
    executor
        .executeBlocking(() -> evaluators.get(model).evaluate(managed, Instant.now()))
        .onComplete(
            ar -> {
              running.put(model, false);
              if (ar.failed()) {
                LOG.warn("{}: evaluating the champion failed: {}", model, ar.cause().toString());
              } else {
                ar.result()
                    .ifPresent(
                        m -> {
                          Map<String, Object> fields = new LinkedHashMap<>();
                          fields.put("version", m.version());
                          fields.put("accuracy", m.validation().accuracy());
                          fields.put("loss", m.validation().loss());
                          fields.put("parameters", m.parameters());
                          m.train().ifPresent(t -> fields.put("trainAccuracy", t.accuracy()));
                          services
                              .events()
                              .publish(
                                  DaemonEvent.of(DaemonEvent.CHAMPION_EVALUATED, model, fields));
                        });
              }
              if (again.remove(model) != null) {
                request(model);
              }
            });
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return executor == null ? Future.succeededFuture() : executor.close();
  }
}
