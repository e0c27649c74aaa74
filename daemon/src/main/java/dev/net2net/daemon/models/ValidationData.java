package dev.net2net.daemon.models;

import dev.net2net.datasets.LabeledImages;
import dev.net2net.datasets.cache.CacheFile;
import java.util.Objects;
import java.util.Optional;

/** Where a model's validation rows come from. */
public sealed interface ValidationData {
  /**
   * A fixed set in memory (Fashion-MNIST's test split or a shard file): models without a schema or
   * holdout.
   */
  record Fixed(LabeledImages images) implements ValidationData {
    public Fixed {
      Objects.requireNonNull(images);
    }
  }

  /**
   * The held-out rows: of every ingested shard (hashed fraction), or of the holdout file's cache
   * when the model has one. Grows with the data under a fraction; never trained on.
   */
  record HeldOut(Optional<CacheFile> file) implements ValidationData {
    public HeldOut {
      Objects.requireNonNull(file);
    }
  }
}
