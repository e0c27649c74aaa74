package dev.net2net.daemon.policy;

import dev.net2net.daemon.DaemonServices;
import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.daemon.events.EventBusSink;
import dev.net2net.daemon.growth.TournamentResolver;
import dev.net2net.registry.db.LeaderLock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the policy engine on one replica: the one holding the PostgreSQL advisory lock. Evaluates a
 * model's policy when its champion was measured, its data grew, a manual request arrived, and on a
 * timer; evaluations run one at a time on a worker thread. When a job is enqueued, the local growth
 * worker is woken.
 */
public final class PolicyVerticle extends VerticleBase {
  public static final String WAKE_WORKER = "net2net.jobs.wake";
  public static final String EVALUATE = "net2net.policy.evaluate";
  private static final Logger LOG = LoggerFactory.getLogger(PolicyVerticle.class);

  private final DaemonServices services;
  private Optional<LeaderLock> lock = Optional.empty();
  private final Set<String> queued = new LinkedHashSet<>();
  private boolean evaluating;
  private long leadershipTimer = -1;
  private long tickTimer = -1;

  public PolicyVerticle(DaemonServices services) {
    this.services = services;
  }

  public boolean isLeader() {
    return lock.isPresent();
  }

  @Override
  public Future<?> start() {
    EventBusSink.subscribe(
        vertx,
        event -> {
          if (event.type().equals(DaemonEvent.CHAMPION_EVALUATED)
              || event.type().equals(DaemonEvent.DATASET_GREW)) {
            request(event.model());
          }
        });
    vertx.eventBus().<String>consumer(EVALUATE, m -> request(m.body()));
    var leader = services.config().leader();
    leadershipTimer = vertx.setPeriodic(0, leader.poll().toMillis(), id -> checkLeadership());
    tickTimer =
        vertx.setPeriodic(
            leader.tick().toMillis(),
            id -> {
              services.models().keySet().forEach(this::request);
              decideDueTournaments();
            });
    return Future.succeededFuture();
  }

  private void checkLeadership() {
    if (services.stopping().get()) {
      return;
    }
    vertx
        .executeBlocking(
            () -> {
              if (lock.isPresent() && !lock.get().isHeld()) {
                lock.get().close();
                return Optional.<LeaderLock>empty();
              }
              return lock.isPresent()
                  ? lock
                  : services.registry().tryAcquireLeadership("net2net-policy-engine");
            })
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn("checking policy-engine leadership failed: {}", ar.cause().toString());
                return;
              }
              boolean was = lock.isPresent();
              lock = ar.result();
              services.meters().leader(lock.isPresent());
              if (lock.isPresent() && !was) {
                LOG.info("this replica leads the policy engine");
                services.models().keySet().forEach(this::request);
              } else if (!lock.isPresent() && was) {
                LOG.warn("this replica lost the policy-engine lead");
              }
            });
  }

  /**
   * On the leader: decides the tournaments that are due but that no candidate's commit decided (the
   * last candidate failed for good, or the deadline passed with candidates still queued or
   * running). Each is decided once whoever gets there first, under the decision's row lock.
   */
  private void decideDueTournaments() {
    if (lock.isEmpty() || services.stopping().get()) {
      return;
    }
    TournamentResolver resolver =
        new TournamentResolver(
            services.registry(),
            services.meters(),
            services.events(),
            "policy leader " + services.config().worker().id());
    vertx
        .executeBlocking(
            () -> {
              int decided = 0;
              for (long decision : services.registry().tournaments().due()) {
                decided += resolver.tryResolve(decision).isPresent() ? 1 : 0;
              }
              return decided;
            },
            false)
        .onFailure(e -> LOG.warn("deciding due tournaments failed: {}", e.toString()));
  }

  private void request(String model) {
    if (!services.models().containsKey(model)) {
      return;
    }
    queued.add(model);
    drain();
  }

  private void drain() {
    if (evaluating || queued.isEmpty() || lock.isEmpty() || services.stopping().get()) {
      return;
    }
    String model = queued.iterator().next();
    queued.remove(model);
    evaluating = true;
    vertx
        .executeBlocking(
            () -> services.engine().evaluate(services.models().get(model), Instant.now()))
        .onComplete(
            ar -> {
              evaluating = false;
              if (ar.failed()) {
                LOG.warn("{}: policy evaluation failed: {}", model, ar.cause().toString());
              } else if (ar.result().isPresent()) {
                vertx.eventBus().publish(WAKE_WORKER, ar.result().get());
              }
              drain();
            });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(leadershipTimer);
    vertx.cancelTimer(tickTimer);
    Optional<LeaderLock> held = lock;
    lock = Optional.empty();
    return held.<Future<?>>map(
            l ->
                vertx.executeBlocking(
                    () -> {
                      l.close();
                      return null;
                    }))
        .orElse(Future.succeededFuture());
  }
}
