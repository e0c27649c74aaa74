package dev.net2net.bench.stream;

import dev.net2net.daemon.config.DaemonConfig;
import dev.net2net.training.seed.Seed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One model's stream: what the daemon starts from, which shipped policy grows it, and how the data
 * arrives in simulated time.
 *
 * @param label the model's name in the results (mlp, inception)
 * @param model the model's registry name, the one its policy names
 * @param seed the architecture the daemon trains first
 * @param policy the shipped policy file
 * @param shards how many shards arrive
 * @param shardRows training images per shard
 * @param validation the first this many Fashion-MNIST test images validate every arm
 * @param shardEvery simulated time between two shards
 * @param evaluateEvery simulated time between two of the daemon's evaluations of its champion
 * @param burst evaluations after each event (a shard, the end of a job, the end of a cooldown)
 * @param tail simulated time the run goes on after the last shard
 */
record StreamSettings(
    String label,
    String model,
    Seed seed,
    DaemonConfig.SeedTraining seedTraining,
    Path policy,
    int shards,
    int shardRows,
    int validation,
    Duration shardEvery,
    Duration evaluateEvery,
    int burst,
    Duration tail) {

  StreamSettings {
    Objects.requireNonNull(label);
    Objects.requireNonNull(model);
    Objects.requireNonNull(seed);
    Objects.requireNonNull(seedTraining);
    Objects.requireNonNull(policy);
    if (shards < 2 || shardRows < 1 || validation < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "a stream needs at least two shards, rows, validation images and one evaluation a burst");
    }
  }

  /** The same stream cut to its first {@code count} shards. */
  StreamSettings withShards(int count) {
    return new StreamSettings(
        label,
        model,
        seed,
        seedTraining,
        policy,
        count,
        shardRows,
        validation,
        shardEvery,
        evaluateEvery,
        burst,
        tail);
  }

  /** The seed's learning rate: what a model trained from scratch starts at. */
  double seedRate() {
    if (seed instanceof Seed.Mlp m) {
      return m.learningRate();
    }
    if (seed instanceof Seed.Inception i) {
      return i.learningRate();
    }
    if (seed instanceof Seed.Cnn c) {
      return c.learningRate();
    }
    throw new IllegalArgumentException("the stream benchmark builds its seeds; got " + seed);
  }

  int trainingRows() {
    return shards * shardRows;
  }

  Duration length() {
    return shardEvery.multipliedBy(shards - 1).plus(tail);
  }
}
