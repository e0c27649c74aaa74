package dev.net2net.daemon.config;

import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.split.Holdout;
import dev.net2net.training.ComputeSettings;
import dev.net2net.training.TrainingLoop;
import dev.net2net.training.engine.EngineChoice;
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
 * @param compute how this process computes: threads, oneDNN helpers, the default batch size
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
    Leader leader,
    Compute compute) {

  /** With the default leader timings and {@link Compute#defaults()}. */
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
        Leader.defaults(),
        Compute.defaults());
  }

  public DaemonConfig {
    Objects.requireNonNull(leader);
    Objects.requireNonNull(compute);
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
        leader,
        compute);
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
        leader,
        compute);
  }

  public DaemonConfig withLeader(Leader timings) {
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
        preservationTolerance,
        timings,
        compute);
  }

  public DaemonConfig withCompute(Compute settings) {
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
        preservationTolerance,
        leader,
        settings);
  }

  /**
   * How this process computes (the {@code compute} section).
   *
   * @param settings ND4J's and OpenBLAS's threads and DL4J's oneDNN helpers, applied at start
   * @param batchSize the batch size of a seed or a policy's training plan that names none
   */
  public record Compute(ComputeSettings settings, int batchSize) {
    public Compute {
      Objects.requireNonNull(settings);
      if (batchSize < 1) {
        throw new IllegalArgumentException("the default batch size must be positive");
      }
    }

    /** One thread per physical core, helpers on, {@link TrainingLoop#DEFAULT_BATCH_SIZE}. */
    public static Compute defaults() {
      return new Compute(ComputeSettings.forMachine(), TrainingLoop.DEFAULT_BATCH_SIZE);
    }
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
   * @param training the engine its seed and candidates train on ({@code training: {engine: ...}})
   */
  public record ModelSettings(
      String name,
      Path data,
      Validation validation,
      Seed seed,
      SeedTraining seedTraining,
      Optional<DatasetSchema> schema,
      Optional<Holdout> holdout,
      EngineChoice training) {
    /** A Fashion-MNIST-shaped model validated on {@code validation} (no schema, no holdout). */
    public ModelSettings(
        String name, Path data, Validation validation, Seed seed, SeedTraining seedTraining) {
      this(name, data, validation, seed, seedTraining, Optional.empty(), Optional.empty());
    }

    /** A model trained in this process. */
    public ModelSettings(
        String name,
        Path data,
        Validation validation,
        Seed seed,
        SeedTraining seedTraining,
        Optional<DatasetSchema> schema,
        Optional<Holdout> holdout) {
      this(name, data, validation, seed, seedTraining, schema, holdout, EngineChoice.inProcess());
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
      Objects.requireNonNull(training);
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

  /**
   * The policy engine's leadership among replicas.
   *
   * @param poll how often a replica that does not lead tries to take the advisory lock, and the
   *     leader checks that it still holds it: a killed leader is replaced within about this
   * @param tick how often the leader evaluates every model's policy (besides the events that
   *     trigger an evaluation) and decides due tournaments
   */
  public record Leader(Duration poll, Duration tick) {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(10);
    public static final Duration MAX_POLL = Duration.ofMinutes(10);

    public Leader {
      Objects.requireNonNull(poll);
      Objects.requireNonNull(tick);
      if (poll.isNegative() || poll.isZero() || tick.isNegative() || tick.isZero()) {
        throw new IllegalArgumentException("leader timings must be positive");
      }
    }

    public static Leader defaults() {
      return new Leader(DEFAULT_POLL, DEFAULT_TICK);
    }
  }
}
