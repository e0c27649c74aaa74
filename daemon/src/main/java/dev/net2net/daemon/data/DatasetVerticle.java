package dev.net2net.daemon.data;

import dev.net2net.daemon.DaemonServices;
import dev.net2net.daemon.events.DaemonEvent;
import dev.net2net.daemon.models.ManagedModel;
import dev.net2net.daemon.models.ModelData;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one model's data folder: every scan interval, on a worker thread, new settled shards are
 * recorded in the registry and added to the training data (or quarantined), and growth is
 * announced.
 */
public final class DatasetVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetVerticle.class);

  private final DaemonServices services;
  private final ManagedModel model;
  private ShardIngester ingester;
  private boolean scanning;
  private final Set<Path> reported = new HashSet<>();
  private long timer = -1;

  public DatasetVerticle(DaemonServices services, ManagedModel model) {
    this.services = services;
    this.model = model;
  }

  @Override
  public Future<?> start() {
    ingester =
        new ShardIngester(
            services.registry(),
            model.dataset(),
            new ShardFolder(model.settings().data()),
            model.settings().effectiveSchema(),
            model.holdoutRule(),
            ModelData.caches(services.config().home(), model.name()));
    return vertx
        .executeBlocking(ingester::restore)
        .onSuccess(
            rows -> {
              services.meters().datasetRows(model.name(), rows);
              if (rows > 0) {
                LOG.info("{}: {} rows restored from shards ingested before", model.name(), rows);
                announce(rows, 0);
              }
              timer =
                  vertx.setPeriodic(0, services.config().scanInterval().toMillis(), id -> scan());
            });
  }

  private void scan() {
    if (scanning || services.stopping().get()) {
      return;
    }
    scanning = true;
    vertx
        .executeBlocking(ingester::scan)
        .onComplete(
            ar -> {
              scanning = false;
              if (ar.failed()) {
                LOG.warn(
                    "{}: scanning {} failed: {}",
                    model.name(),
                    model.settings().data(),
                    ar.cause().toString());
                return;
              }
              ShardIngester.ScanResult result = ar.result();
              result.ingested().forEach(s -> services.meters().shard(model.name(), "ingested"));
              result
                  .quarantined()
                  .forEach(
                      s -> {
                        services.meters().shard(model.name(), "quarantined");
                        services
                            .events()
                            .publish(
                                DaemonEvent.of(
                                    DaemonEvent.SHARD_QUARANTINED,
                                    model.name(),
                                    Map.of("path", s.path(), "reason", s.reason().orElse(""))));
                      });
              services.meters().datasetRows(model.name(), result.rows());
              reportUnrecognized(result.unrecognized());
              if (!result.ingested().isEmpty()) {
                announce(result.rows(), result.ingested().stream().mapToLong(s -> s.rows()).sum());
              }
            });
  }

  /**
   * Each file that is no shard's is logged once (while it stays) and listed in the model's API
   * view.
   */
  private void reportUnrecognized(List<Path> files) {
    Set<Path> now = new HashSet<>(files);
    for (Path file : files) {
      if (reported.add(file)) {
        LOG.warn(
            "{}: {} in the data folder is not a shard (expected NAME-images-idx3-ubyte[.gz] with"
                + " NAME-labels-idx1-ubyte[.gz], or NAME.csv); it is ignored",
            model.name(),
            file.getFileName());
      }
    }
    reported.retainAll(now);
    model.unrecognizedFiles(files.stream().map(p -> p.getFileName().toString()).sorted().toList());
  }

  private void announce(long rows, long added) {
    services
        .events()
        .publish(
            DaemonEvent.of(
                DaemonEvent.DATASET_GREW, model.name(), Map.of("rows", rows, "added", added)));
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }
}
