package dev.net2net.daemon.config;

import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.split.Holdout;
import dev.net2net.training.ComputeSettings;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.seed.Seed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the daemon is told, validated: every setting has a safe default (see {@link
 * ConfigLoader}).
 *
 * @param home where the daemon keeps its state by default (embedded database, artifacts, token)
 * @param databaseUrl {@code embedded}, {@code embedded:DIR} or a PostgreSQL URL
 * @param artifacts the artifact store's root
 * @param policies the policy file
 * @param models the models the daemon grows
 * @param training how this process trains: threads, oneDNN helpers, the default batch size
 */
public record DaemonConfig(
    Path home,
    Http http,
    String databaseUrl,
    Path artifacts,
    Path policies,
    List<ModelSettings> models,
    Worker worker,
    Duration evaluationInterval,
    Duration scanInterval,
    double preservationTolerance,
    Training training) {

  /** A configuration that trains with {@link Training#defaults()}. */
  public DaemonConfig(
      Path home,
      Http http,
      String databaseUrl,
      Path artifacts,
      Path policies,
      List<ModelSettings> models,
      Worker worker,
      Duration evaluationInterval,
      Duration scanInterval,
      double preservationTolerance) {
    this(
        home,
        http,
        databaseUrl,
        artifacts,
        policies,
        models,
        worker,
        evaluationInterval,
        scanInterval,
        preservationTolerance,
        Training.defaults());
  }

  public DaemonConfig {
    Objects.requireNonNull(home);
    Objects.requireNonNull(http);
    Objects.requireNonNull(databaseUrl);
    Objects.requireNonNull(artifacts);
    Objects.requireNonNull(policies);
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("at least one model is required");
    }
    Objects.requireNonNull(worker);
    if (!(preservationTolerance > 0)) {
      throw new IllegalArgumentException("preservation tolerance must be positive");
    }
    Objects.requireNonNull(training);
  }

  public Optional<ModelSettings> model(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public DaemonConfig withHttpPort(int port) {
    return new DaemonConfig(
        home,
        new Http(http.host(), port, http.token()),
        databaseUrl,
        artifacts,
        policies,
        models,
        worker,
        evaluationInterval,
        scanInterval,
        preservationTolerance,
        training);
  }

  public DaemonConfig withPreservationTolerance(double tolerance) {
    return new DaemonConfig(
        home,
        http,
        databaseUrl,
        artifacts,
        policies,
        models,
        worker,
        evaluationInterval,
        scanInterval,
        tolerance,
        training);
  }

  /**
   * The HTTP API.
   *
   * @param token the bearer token mutating calls need; when not configured the daemon makes one and
   *     writes it to {@code HOME/api-token}
   */
  public record Http(String host, int port, Optional<String> token) {
    public Http {
      Objects.requireNonNull(host);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535");
      }
      Objects.requireNonNull(token);
    }
  }

  /**
   * One model: where its data arrives, what it is validated on, and what it starts as.
   *
   * @param name the model's registry name
   * @param data the folder watched for new shards (IDX pairs or CSV files)
   * @param validation the fixed held-out set its versions are measured on
   * @param seed the architecture trained when the model has no version yet (sized from the schema)
   * @param schema what its examples look like; empty for Fashion-MNIST-shaped images
   * @param holdout which rows validate; empty for the fixed {@code validation} set
   */
  public record ModelSettings(
      String name,
      Path data,
      Validation validation,
      Seed seed,
      SeedTraining seedTraining,
      Optional<DatasetSchema> schema,
      Optional<Holdout> holdout) {
    /** A Fashion-MNIST-shaped model validated on {@code validation} (no schema, no holdout). */
    public ModelSettings(
        String name, Path data, Validation validation, Seed seed, SeedTraining seedTraining) {
      this(name, data, validation, seed, seedTraining, Optional.empty(), Optional.empty());
    }

    /**
     * The schema the model's shards are read with; a model without one takes Fashion-MNIST-shaped
     * images.
     */
    public DatasetSchema effectiveSchema() {
      return schema.orElseGet(DatasetSchema::fashionMnist);
    }

    public ModelSettings {
      Objects.requireNonNull(schema);
      Objects.requireNonNull(holdout);
      Objects.requireNonNull(name);
      Objects.requireNonNull(data);
      Objects.requireNonNull(validation);
      Objects.requireNonNull(seed);
      Objects.requireNonNull(seedTraining);
    }
  }

  /** The held-out validation set. */
  public sealed interface Validation {
    /** The first {@code size} images of Fashion-MNIST's test split (never used for training). */
    record FashionMnistTest(int size) implements Validation {
      public FashionMnistTest {
        if (size < 1 || size > 10_000) {
          throw new IllegalArgumentException("validation size must be 1..10000");
        }
      }
    }

    /** A shard file (an IDX images file with its labels beside it, or a CSV file). */
    record ShardFile(Path path) implements Validation {
      public ShardFile {
        Objects.requireNonNull(path);
      }
    }
  }

  /** How the seed model is trained. */
  public record SeedTraining(int epochs, int batchSize) {
    public SeedTraining {
      if (epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("epochs and batch size must be positive");
      }
    }
  }

  /**
   * How this process trains (the {@code training} section).
   *
   * @param compute ND4J's and OpenBLAS's threads and DL4J's oneDNN helpers, applied at start
   * @param batchSize the batch size of a seed or a policy's training plan that names none
   */
  public record Training(ComputeSettings compute, int batchSize) {
    public Training {
      Objects.requireNonNull(compute);
      if (batchSize < 1) {
        throw new IllegalArgumentException("the default batch size must be positive");
      }
    }

    /** One thread per physical core, helpers on, {@link TrainingLoop#DEFAULT_BATCH_SIZE}. */
    public static Training defaults() {
      return new Training(ComputeSettings.forMachine(), TrainingLoop.DEFAULT_BATCH_SIZE);
    }
  }

  /**
   * The growth worker: how long a claimed job is leased, how often the lease is renewed and jobs
   * polled.
   */
  public record Worker(String id, Duration lease, Duration heartbeat, Duration poll) {
    public Worker {
      Objects.requireNonNull(id);
      if (heartbeat.compareTo(lease) >= 0) {
        throw new IllegalArgumentException("the heartbeat must be shorter than the lease");
      }
    }
  }
}
