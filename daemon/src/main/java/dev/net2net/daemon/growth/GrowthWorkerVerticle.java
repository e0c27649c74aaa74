package dev.net2net.daemon.growth;

import dev.net2net.daemon.DaemonServices;
import dev.net2net.daemon.policy.PolicyVerticle;
import dev.net2net.daemon.policy.Vocabularies;
import dev.net2net.registry.Failpoints;
import dev.net2net.registry.job.ClaimedJob;
import dev.net2net.registry.job.Lease;
import dev.net2net.registry.job.LeaseLostException;
import dev.net2net.registry.model.VersionRef;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Longer than 400 lines because a job's life on one worker (claim, lease heartbeat, the fenced
// commit, including a tournament candidate's decision lock, and the end recorded however it came)
// shares the lease keeper and the worker's state; the lease keeper is a small inner class.
/**
 * Claims growth jobs from the registry's queue and runs them one at a time on a worker thread of
 * its own (DL4J training never touches an event loop). The lease is renewed by a thread of its own,
 * beside the work whatever the work is doing; when a renewal finds the lease gone, or renewals have
 * failed for longer than a lease (the database unreachable), the job is cancelled at the next
 * batch. Its results are registered in one transaction fenced by the lease ({@link JobCommit}), so
 * a worker that lost its job cannot register anything even if it has not noticed yet. A job that
 * ends is completed in that same transaction (its decision resolved); one that breaks is failed
 * with the reason and retried later; at shutdown the running job is cancelled between batches and
 * handed back without counting the attempt.
 */
public final class GrowthWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GrowthWorkerVerticle.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(30);

  /** How long a job handed back for want of data waits before it is claimable again. */
  private static final Duration NO_DATA_DELAY = Duration.ofSeconds(5);

  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

  private final DaemonServices services;
  private WorkerExecutor executor;
  private ScheduledExecutorService heartbeats;
  private boolean busy;
  private long pollTimer = -1;
  private long sweepTimer = -1;
  private final AtomicBoolean cancel = new AtomicBoolean();
  private Promise<Void> idle = Promise.promise();

  public GrowthWorkerVerticle(DaemonServices services) {
    this.services = services;
    idle.complete();
  }

  @Override
  public Future<?> start() {
    executor = vertx.createSharedWorkerExecutor("net2net-growth", 1, 7, TimeUnit.DAYS);
    heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "net2net-lease-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    var worker = services.config().worker();
    // A previous incarnation under this name is dead (names are unique among live workers): its
    // jobs are
    // taken back now rather than after their leases run out.
    return vertx
        .executeBlocking(
            () -> {
              sweepLeftovers();
              return services.registry().jobs().expireLeasesOf(worker.id());
            })
        .onSuccess(
            freed -> {
              if (freed > 0) {
                LOG.info(
                    "reclaiming {} job(s) a previous run of worker '{}' left running",
                    freed,
                    worker.id());
              }
            })
        .recover(
            e -> {
              LOG.warn(
                  "could not look for jobs a previous run of worker '{}' left: {}",
                  worker.id(),
                  e.toString());
              return Future.succeededFuture(0);
            })
        .onSuccess(
            freed -> {
              vertx.eventBus().consumer(PolicyVerticle.WAKE_WORKER, m -> claim());
              pollTimer = vertx.setPeriodic(0, worker.poll().toMillis(), id -> claim());
              sweepTimer =
                  vertx.setPeriodic(
                      SWEEP_INTERVAL.toMillis(),
                      id ->
                          vertx.executeBlocking(
                              () -> {
                                sweepLeftovers();
                                return null;
                              },
                              false));
            });
  }

  /**
   * Removes what killed writes left: scratch files of dead processes, and artifact files no version
   * names or interrupted half-written ones (under the artifact store's lock, so no write in flight
   * is touched).
   */
  private void sweepLeftovers() {
    Leftovers.sweep(scratch());
    try {
      var report = services.registry().sweepArtifacts();
      if (!report.removedArtifacts().isEmpty() || report.removedTemporaryFiles() > 0) {
        LOG.info(
            "artifact sweep: removed {} unnamed artifact(s) and {} interrupted write(s)",
            report.removedArtifacts().size(),
            report.removedTemporaryFiles());
      }
    } catch (RuntimeException e) {
      LOG.warn("sweeping the artifact store failed: {}", e.toString());
    }
  }

  private void claim() {
    if (busy || services.stopping().get()) {
      return;
    }
    busy = true;
    idle = Promise.promise();
    var worker = services.config().worker();
    vertx
        .executeBlocking(() -> services.registry().jobs().claim(worker.id(), worker.lease()))
        .onComplete(
            ar -> {
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
    String model = claimed.job().model().value();
    long jobId = claimed.job().id();
    cancel.set(false);
    LeaseKeeper keeper = new LeaseKeeper(claimed.lease());
    ScheduledFuture<?> heartbeat =
        heartbeats.scheduleWithFixedDelay(
            keeper::renew,
            worker.heartbeat().toMillis(),
            worker.heartbeat().toMillis(),
            TimeUnit.MILLISECONDS);
    // A tournament's candidate: its commit takes the decision's row lock first (the order the
    // resolver locks in), registers the candidate, completes its job, and decides the tournament
    // if it was the last to end; all in one transaction fenced by the lease.
    Optional<Long> tournament =
        claimed.job().candidate().isPresent() ? claimed.job().decisionId() : Optional.empty();
    TournamentResolver resolver =
        new TournamentResolver(
            services.registry(), services.meters(), services.events(), worker.id());
    JobCommit commit =
        registration -> {
          if (keeper.lost()) {
            throw new LeaseLostException(
                "growth job " + jobId + ": the lease was lost before its results were registered");
          }
          Lease lease = keeper.lease();
          Supplier<GrowthOutcome> fenced =
              () ->
                  services
                      .registry()
                      .jobs()
                      .underLease(
                          lease,
                          () -> {
                            GrowthOutcome outcome = registration.get();
                            Failpoints.reach("alias-move");
                            if (tournament.isPresent()) {
                              services.registry().jobs().complete(lease, outcome.version());
                              resolver.tryResolve(tournament.get());
                              return outcome;
                            }
                            claimed
                                .job()
                                .decisionId()
                                .ifPresent(
                                    d ->
                                        services
                                            .registry()
                                            .decisions()
                                            .resolve(
                                                d,
                                                Vocabularies.decisionOutcome(outcome.outcome()),
                                                outcome.version().map(VersionRef::number)));
                            services.registry().jobs().complete(lease, outcome.version());
                            return outcome;
                          });
          GrowthOutcome committed =
              tournament.isPresent()
                  ? services.registry().tournaments().underDecisionLock(tournament.get(), fenced)
                  : fenced.get();
          keeper.end();
          return committed;
        };
    String jobKind =
        claimed.job().candidate().isPresent()
            ? "candidate"
            : claimed.job().decisionId().isPresent() ? "growth" : "seed";
    executor
        .executeBlocking(
            () -> {
              var managed =
                  services
                      .model(model)
                      .orElseThrow(
                          () ->
                              new DataNotReadyException(
                                  "job "
                                      + jobId
                                      + " is for model '"
                                      + model
                                      + "', which this daemon does not manage"));
              GrowthSpec spec = GrowthSpec.parse(claimed.job().spec());
              GrowthPipeline pipeline =
                  new GrowthPipeline(
                      services.registry(),
                      managed,
                      services.meters(),
                      services.events(),
                      services.config().preservationTolerance(),
                      services.config().compute().batchSize(),
                      worker.id(),
                      scratch());
              return pipeline.run(
                  spec,
                  jobId,
                  claimed.job().decisionId(),
                  () -> cancel.get() || keeper.lost() || services.stopping().get(),
                  commit);
            })
        .onComplete(
            ar -> {
              heartbeat.cancel(false);
              keeper.end();
              vertx
                  .executeBlocking(
                      () -> {
                        Lease lease = keeper.lease();
                        if (ar.succeeded()) {
                          services.meters().workerJob(worker.id(), jobKind, "succeeded");
                          GrowthOutcome outcome = ar.result();
                          LOG.info(
                              "{}: job {} {}: {}",
                              model,
                              jobId,
                              outcome.outcome(),
                              outcome.summary());
                        } else if (ar.cause() instanceof LeaseLostException || keeper.lost()) {
                          services.meters().workerJob(worker.id(), jobKind, "lease_lost");
                          LOG.warn(
                              "{}: job {} abandoned, nothing registered: its lease was lost ({})",
                              model,
                              jobId,
                              keeper.why().orElse(ar.cause().getMessage()));
                        } else if (ar.cause() instanceof CancellationException) {
                          services
                              .registry()
                              .jobs()
                              .release(lease, "handed back: the worker stopped", Duration.ZERO);
                          services.meters().workerJob(worker.id(), jobKind, "handed_back");
                          LOG.info("{}: job {} handed back for another worker", model, jobId);
                        } else if (ar.cause() instanceof DataNotReadyException e) {
                          services.registry().jobs().release(lease, e.getMessage(), NO_DATA_DELAY);
                          LOG.info("{}: job {} handed back: {}", model, jobId, e.getMessage());
                        } else {
                          LOG.error("{}: job {} failed", model, jobId, ar.cause());
                          services
                              .registry()
                              .jobs()
                              .fail(lease, String.valueOf(ar.cause()), RETRY_DELAY);
                          services.meters().workerJob(worker.id(), jobKind, "failed");
                          // a candidate failed for good may have been the last to end
                          tournament.ifPresent(resolver::tryResolve);
                        }
                        return null;
                      })
                  .onComplete(
                      done -> {
                        if (done.failed()) {
                          LOG.warn(
                              "{}: recording the end of job {} failed: {}",
                              model,
                              jobId,
                              done.cause().toString());
                        }
                        finishIdle();
                        if (!services.stopping().get()) {
                          claim();
                        }
                      });
            });
  }

  /**
   * The lease of the running job as its heartbeat thread keeps it. Lost when a renewal is refused
   * (the job was taken over or ended), or when no renewal has succeeded for a whole lease: after
   * that another worker may hold the job, so this one stops rather than assume otherwise.
   */
  private final class LeaseKeeper {
    private volatile Lease lease;
    private volatile long renewedAt = System.nanoTime();
    private volatile String lostBecause;
    private volatile boolean ended;

    LeaseKeeper(Lease lease) {
      this.lease = lease;
    }

    Lease lease() {
      return lease;
    }

    boolean lost() {
      return lostBecause != null;
    }

    java.util.Optional<String> why() {
      return java.util.Optional.ofNullable(lostBecause);
    }

    /** The job's end is recorded: renewals stop, and one still in flight is no news. */
    void end() {
      ended = true;
    }

    void renew() {
      if (lost() || ended) {
        return;
      }
      Duration length = services.config().worker().lease();
      try {
        lease = services.registry().jobs().heartbeat(lease, length);
        renewedAt = System.nanoTime();
      } catch (LeaseLostException e) {
        if (ended) {
          return;
        }
        lostBecause = e.getMessage();
        LOG.warn("job {}: {}; abandoning it", lease.jobId(), e.getMessage());
      } catch (RuntimeException e) {
        Duration since = Duration.ofNanos(System.nanoTime() - renewedAt);
        if (since.compareTo(length) >= 0) {
          lostBecause =
              "no heartbeat succeeded for "
                  + since.toMillis()
                  + " ms, longer than the lease: "
                  + e.getMessage();
          LOG.warn("job {}: {}; abandoning it", lease.jobId(), lostBecause);
        } else {
          LOG.warn("job {}: renewing the lease failed ({}); retrying", lease.jobId(), e.toString());
        }
      }
    }
  }

  private Path scratch() {
    return services.config().home().resolve("tmp");
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(sweepTimer);
    cancel.set(true);
    Future<Void> done = idle.future();
    return done.compose(
        v -> {
          heartbeats.shutdownNow();
          return executor.close();
        });
  }
}
