package dev.net2net.daemon.growth;

import dev.net2net.daemon.DaemonServices;
import dev.net2net.daemon.policy.PolicyVerticle;
import dev.net2net.registry.job.ClaimedJob;
import dev.net2net.registry.job.Lease;
import dev.net2net.registry.job.LeaseLostException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims growth jobs from the registry's queue and runs them one at a time on a worker thread of its
 * own (DL4J training never touches an event loop), renewing the lease while it works. A job that
 * ends is completed (its decision resolved); one that breaks is failed with the reason and retried
 * later; at shutdown the running job is cancelled between batches and handed back for reclaiming.
 */
public final class GrowthWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GrowthWorkerVerticle.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(30);

  private final DaemonServices services;
  private WorkerExecutor executor;
  private boolean busy;
  private long pollTimer = -1;
  private final AtomicBoolean cancel = new AtomicBoolean();
  private Promise<Void> idle = Promise.promise();

  public GrowthWorkerVerticle(DaemonServices services) {
    this.services = services;
    idle.complete();
  }

  @Override
  public Future<?> start() {
    executor = vertx.createSharedWorkerExecutor("net2net-growth", 1, 7, TimeUnit.DAYS);
    vertx.eventBus().consumer(PolicyVerticle.WAKE_WORKER, m -> claim());
    pollTimer = vertx.setPeriodic(500, services.config().worker().poll().toMillis(), id -> claim());
    return Future.succeededFuture();
  }

  private void claim() {
    if (busy || services.stopping().get()) {
      return;
    }
    busy = true;
    idle = Promise.promise();
    var worker = services.config().worker();
    vertx.executeBlocking(() -> services.registry().jobs().claim(worker.id(), worker.lease())).onComplete(ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        if (ar.failed()) {
          LOG.warn("claiming a growth job failed: {}", ar.cause().toString());
        }
        finishIdle();
        return;
      }
      run(ar.result().get());
    });
  }

  private void finishIdle() {
    busy = false;
    idle.tryComplete();
  }

  private void run(ClaimedJob claimed) {
    var worker = services.config().worker();
    AtomicReference<Lease> lease = new AtomicReference<>(claimed.lease());
    String model = claimed.job().model().value();
    cancel.set(false);
    long heartbeat = vertx.setPeriodic(worker.heartbeat().toMillis(), id ->
        vertx.executeBlocking(() -> services.registry().jobs().heartbeat(lease.get(), worker.lease()))
            .onSuccess(lease::set)
            .onFailure(e -> {
              if (e instanceof LeaseLostException) {
                LOG.warn("job {} was taken over by another worker; abandoning it", claimed.job().id());
                cancel.set(true);
              }
            }));
    executor.executeBlocking(() -> {
      var managed = services.model(model)
          .orElseThrow(() -> new IllegalStateException("job " + claimed.job().id() + " is for model '" + model
              + "', which this daemon does not manage"));
      GrowthSpec spec = GrowthSpec.parse(claimed.job().spec());
      GrowthPipeline pipeline = new GrowthPipeline(services.registry(), managed, services.meters(), services.events(),
          services.config().preservationTolerance(), worker.id(), scratch());
      return pipeline.run(spec, claimed.job().id(), claimed.job().decisionId(),
          () -> cancel.get() || services.stopping().get());
    }).onComplete(ar -> {
      vertx.cancelTimer(heartbeat);
      vertx.executeBlocking(() -> {
        if (ar.succeeded()) {
          GrowthOutcome outcome = ar.result();
          claimed.job().decisionId().ifPresent(d -> services.registry().decisions().resolve(d,
              outcome.outcome().name().toLowerCase(Locale.ROOT), outcome.version().map(v -> v.number())));
          services.registry().jobs().complete(lease.get(), outcome.version());
          LOG.info("{}: job {} {}: {}", model, claimed.job().id(), outcome.outcome(), outcome.summary());
        } else if (ar.cause() instanceof CancellationException) {
          services.registry().jobs().fail(lease.get(), "abandoned: the worker stopped", Duration.ZERO);
          LOG.info("{}: job {} handed back for another worker", model, claimed.job().id());
        } else {
          LOG.error("{}: job {} failed", model, claimed.job().id(), ar.cause());
          services.registry().jobs().fail(lease.get(), String.valueOf(ar.cause()), RETRY_DELAY);
        }
        return null;
      }).onComplete(done -> {
        if (done.failed()) {
          LOG.warn("{}: recording the end of job {} failed: {}", model, claimed.job().id(), done.cause().toString());
        }
        finishIdle();
        if (!services.stopping().get()) {
          claim();
        }
      });
    });
  }

  private Path scratch() {
    return services.config().home().resolve("tmp");
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    cancel.set(true);
    Future<Void> done = idle.future();
    return done.compose(v -> executor.close());
  }
}
