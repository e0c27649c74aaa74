package dev.net2net.datasets.split;

import java.nio.file.Path;

/**
 * A model's validation rows: a hashed fraction of every shard ({@code holdout: {fraction: f}}), or
 * a file of its own ({@code holdout: {file: heldout.csv}}, read with the model's schema) while
 * every shard trains.
 */
public sealed interface Holdout {
  /** The rule for the rows of an incoming shard. */
  HoldoutRule shardRule();

  record Fraction(double fraction) implements Holdout {
    public Fraction {
      new HoldoutRule.Fraction(fraction); // validates
    }

    @Override
    public HoldoutRule shardRule() {
      return HoldoutRule.fraction(fraction);
    }
  }

  record File(Path path) implements Holdout {
    @Override
    public HoldoutRule shardRule() {
      return HoldoutRule.none();
    }
  }
}
