package dev.net2net.daemon.config;

import dev.net2net.daemon.config.DaemonConfig.ModelSettings;
import dev.net2net.daemon.config.DaemonConfig.SeedTraining;
import dev.net2net.daemon.config.DaemonConfig.Validation;
import dev.net2net.daemon.config.DaemonConfig.Worker;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.split.Holdout;
import dev.net2net.training.engine.EngineChoice;
import dev.net2net.training.seed.Seed;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

// Longer than 400 lines because every section of the daemon's file (http, database, models,
// worker, leader, intervals) is read and checked here with its defaults, so that one run reports
// every problem; each model's data settings have a reader of their own (DataSettingsReader).
/**
 * Reads the daemon's YAML configuration, then applies environment overrides ({@code NET2NET_HOME},
 * {@code NET2NET_HTTP_HOST}, {@code NET2NET_HTTP_PORT}, {@code NET2NET_API_TOKEN}, {@code
 * NET2NET_DB_URL}, {@code NET2NET_POLICIES}). Every setting has a safe default (the {@code compute}
 * section's from this machine: see {@link ComputeSettingsReader}); every problem is reported at
 * once with its file, line and column, and the daemon refuses to start.
 */
public final class ConfigLoader {
  /**
   * Short, because a lease is renewed by a thread of its own whatever the job is doing: a crashed
   * worker's job is claimable again after at most this, plus one poll, well within a minute.
   */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Set<String> ACTIVATIONS =
      Set.of(
          "relu", "relu6", "tanh", "sigmoid", "leakyrelu", "elu", "identity", "hardtanh", "swish");

  private ConfigLoader() {}

  public static DaemonConfig load(Path file, Map<String, String> env) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": not a UTF-8 text file");
    }
    Node root = compose(file.toString(), text);
    Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
    return read(file.toString(), root, base, env);
  }

  private static Node compose(String name, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(name)
            .setUseMarks(true)
            .setMaxAliasesForCollections(20)
            .build();
    try {
      Composer composer =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      Optional<Node> node = composer.getSingleNode();
      return node.orElseThrow(
          () ->
              new ConfigException(
                  name + ": the configuration is empty; it needs at least" + " a 'models' list"));
    } catch (YamlEngineException e) {
      throw new ConfigException(name + ": YAML syntax error: " + e.getMessage().replace('\n', ' '));
    }
  }

  private static DaemonConfig read(String name, Node root, Path base, Map<String, String> env) {
    ConfigReader reader = new ConfigReader(name);
    ConfigReader.Section top = reader.section(root, "");
    top.allowOnly(
        Set.of(
            "home",
            "http",
            "database",
            "artifacts",
            "policies",
            "models",
            "worker",
            "leader",
            "evaluation",
            "watch",
            "preservation",
            "compute"));
    DaemonConfig.Compute compute = ComputeSettingsReader.compute(reader, top.child("compute"));

    Path home =
        env(env, "NET2NET_HOME")
            .map(ConfigReader::expand)
            .or(() -> top.path("home").map(base::resolve))
            .orElse(defaultHome());

    ConfigReader.Section http = top.child("http").orElse(null);
    String host =
        env(env, "NET2NET_HTTP_HOST")
            .orElse(http == null ? "127.0.0.1" : http.text("host", "127.0.0.1"));
    int port = http == null ? 8080 : http.integer("port", 8080, 0, 65535);
    Optional<String> token = http == null ? Optional.empty() : http.text("token");
    if (http != null) {
      http.allowOnly(Set.of("host", "port", "token"));
    }
    Optional<String> envPort = env(env, "NET2NET_HTTP_PORT");
    if (envPort.isPresent()) {
      try {
        port = Integer.parseInt(envPort.get());
        if (port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        reader.problem(
            "environment NET2NET_HTTP_PORT must be a port number 0..65535, found '"
                + envPort.get()
                + "'");
      }
    }
    Optional<String> configuredToken = token;
    token = env(env, "NET2NET_API_TOKEN").or(() -> configuredToken);
    token
        .filter(t -> t.length() < 16)
        .ifPresent(
            t ->
                reader.problem(
                    "the API token must be at least 16 characters (a guessable token protects nothing)"));

    ConfigReader.Section database = top.child("database").orElse(null);
    if (database != null) {
      database.allowOnly(Set.of("url"));
    }
    String url =
        env(env, "NET2NET_DB_URL")
            .orElse(
                database == null
                    ? "embedded:" + home.resolve("postgres")
                    : database.text("url", "embedded:" + home.resolve("postgres")));
    Path artifacts = top.path("artifacts").map(base::resolve).orElse(home.resolve("artifacts"));
    Path policies =
        env(env, "NET2NET_POLICIES")
            .map(ConfigReader::expand)
            .or(() -> top.path("policies").map(base::resolve))
            .orElse(home.resolve("policies.yaml"));

    List<ModelSettings> models = new ArrayList<>();
    if (!top.has("models")) {
      reader.problem(
          root,
          "'models' is required: the list of models to grow, e.g. models: [{name: fashion-mlp}]");
    }
    Set<String> names = new HashSet<>();
    for (ConfigReader.Section m : top.children("models")) {
      model(reader, m, base, home, compute.batchSize())
          .ifPresent(
              model -> {
                if (!names.add(model.name())) {
                  reader.problem(m.node(), "model '" + model.name() + "' is configured twice");
                }
                models.add(model);
              });
    }

    ConfigReader.Section w = top.child("worker").orElse(null);
    String id = defaultWorkerId();
    Duration lease = DEFAULT_LEASE;
    Duration heartbeat = defaultHeartbeat(lease);
    Duration poll = Duration.ofSeconds(5);
    if (w != null) {
      w.allowOnly(Set.of("id", "lease", "heartbeat", "poll"));
      id = w.text("id", id);
      lease = w.duration("lease", lease);
      heartbeat = w.has("heartbeat") ? w.duration("heartbeat", heartbeat) : defaultHeartbeat(lease);
      poll = w.duration("poll", poll);
      if (heartbeat.compareTo(lease) >= 0) {
        reader.problem(
            w.node(),
            "worker.heartbeat ("
                + heartbeat
                + ") must be shorter than worker.lease ("
                + lease
                + "), or the lease expires between heartbeats");
        heartbeat = lease.dividedBy(3);
      }
    }
    if (w != null) {
      atLeast(reader, w, "lease", lease, MIN_LEASE, "a lease is renewed by a database round trip");
      atLeast(reader, w, "poll", poll, MIN_POLL, "every poll is a query on the shared database");
    }
    Duration leaderPoll = DaemonConfig.Leader.DEFAULT_POLL;
    Duration leaderTick = DaemonConfig.Leader.DEFAULT_TICK;
    ConfigReader.Section l = top.child("leader").orElse(null);
    if (l != null) {
      l.allowOnly(Set.of("poll", "tick"));
      leaderPoll = l.duration("poll", leaderPoll);
      leaderTick = l.duration("tick", leaderTick);
      atLeast(
          reader, l, "poll", leaderPoll, MIN_POLL, "every poll is a query on the shared database");
      atLeast(reader, l, "tick", leaderTick, MIN_POLL, "every tick evaluates every model's policy");
      if (leaderPoll.compareTo(DaemonConfig.Leader.MAX_POLL) > 0) {
        reader.problem(
            l.value("poll").orElseThrow(),
            "leader.poll ("
                + dev.net2net.policies.model.Durations.format(leaderPoll)
                + ") is longer than "
                + dev.net2net.policies.model.Durations.format(DaemonConfig.Leader.MAX_POLL)
                + ": a dead leader would leave the policy engine idle that long");
        leaderPoll = DaemonConfig.Leader.DEFAULT_POLL;
      }
    }
    Duration evaluation =
        top.child("evaluation")
            .map(
                e -> {
                  e.allowOnly(Set.of("interval"));
                  return e.duration("interval", Duration.ofMinutes(1));
                })
            .orElse(Duration.ofMinutes(1));
    Duration scan =
        top.child("watch")
            .map(
                e -> {
                  e.allowOnly(Set.of("interval"));
                  return e.duration("interval", Duration.ofSeconds(2));
                })
            .orElse(Duration.ofSeconds(2));
    double tolerance =
        top.child("preservation")
            .map(
                p -> {
                  p.allowOnly(Set.of("tolerance"));
                  return p.number("tolerance", 1e-4, 1e-12, 1.0);
                })
            .orElse(1e-4);

    if (models.isEmpty()) {
      // A list whose entries were all refused has its problems reported already; an empty or absent
      // one not.
      Optional<Node> list = top.value("models");
      String expected = "at least one model is needed, e.g. models: [{name: fashion-mlp}]";
      if (list.isPresent() && list.get() instanceof SequenceNode seq && seq.getValue().isEmpty()) {
        reader.problem(list.get(), "'models' is empty: " + expected);
      } else if (list.isEmpty()) {
        reader.problem(root, "'models' is missing: " + expected);
      }
    }
    if (!reader.problems().isEmpty()) {
      throw new ConfigException(reader.problems());
    }
    return new DaemonConfig(
        home,
        new DaemonConfig.Http(host, port, token),
        url,
        artifacts,
        policies,
        models,
        new Worker(id, lease, heartbeat, poll),
        evaluation,
        scan,
        tolerance,
        new DaemonConfig.Leader(leaderPoll, leaderTick),
        compute);
  }

  /** The shortest lease a worker may take. */
  static final Duration MIN_LEASE = Duration.ofMillis(500);

  /** The shortest poll or tick: each is a query on the shared database. */
  static final Duration MIN_POLL = Duration.ofMillis(50);

  private static void atLeast(
      ConfigReader reader,
      ConfigReader.Section section,
      String key,
      Duration value,
      Duration min,
      String why) {
    if (section.has(key) && value.compareTo(min) < 0) {
      reader.problem(
          section.value(key).orElseThrow(),
          section.name(key)
              + " must be at least "
              + min.toMillis()
              + "ms ("
              + why
              + "), found "
              + value.toMillis()
              + "ms");
    }
  }

  private static Optional<ModelSettings> model(
      ConfigReader reader, ConfigReader.Section m, Path base, Path home, int batchSize) {
    m.allowOnly(
        Set.of(
            "name", "data", "schema", "holdout", "validation", "seed", "seedTraining", "training"));
    Optional<String> name = m.text("name");
    if (name.isEmpty()) {
      reader.problem(m.node(), "each model needs a 'name'");
      return Optional.empty();
    }
    if (!MODEL_NAME.matcher(name.get()).matches()) {
      reader.problem(
          m.value("name").get(),
          "model name '"
              + name.get()
              + "' must be lower-case letters, digits,"
              + " '.', '_' or '-', starting with a letter or digit");
      return Optional.empty();
    }
    Path data = m.path("data").map(base::resolve).orElse(home.resolve("data").resolve(name.get()));
    Validation validation = new Validation.FashionMnistTest(2000);
    Optional<ConfigReader.Section> v = m.child("validation");
    if (v.isPresent()) {
      v.get().allowOnly(Set.of("fashionMnistTest", "file"));
      if (v.get().has("file")) {
        // A value that is not a path (a list, a mapping) is reported by path(); the default stands
        // meanwhile.
        validation =
            v.get()
                .path("file")
                .map(base::resolve)
                .<Validation>map(Validation.ShardFile::new)
                .orElse(validation);
      } else {
        validation =
            new Validation.FashionMnistTest(v.get().integer("fashionMnistTest", 2000, 1, 10_000));
      }
    }
    Seed seed = new Seed.Mlp(List.of(64), "relu", 1e-3);
    Optional<ConfigReader.Section> s = m.child("seed");
    if (s.isPresent()) {
      s.get().allowOnly(Set.of("mlp", "cnn", "inception", "import"));
      if (s.get().has("import")) {
        seed = s.get().path("import").map(base::resolve).<Seed>map(Seed.Import::new).orElse(seed);
      } else if (s.get().has("cnn")) {
        seed = DataSettingsReader.cnn(reader, s.get().child("cnn").get());
      } else if (s.get().has("inception")) {
        ConfigReader.Section i = s.get().child("inception").get();
        i.allowOnly(Set.of("widthMultiplier", "modules", "learningRate"));
        seed =
            new Seed.Inception(
                i.number("widthMultiplier", 1.0, 0.05, 16),
                i.integer("modules", 2, 1, 2),
                i.number("learningRate", 1e-3, 1e-7, 10));
      } else if (s.get().has("mlp")) {
        ConfigReader.Section p = s.get().child("mlp").get();
        p.allowOnly(Set.of("hidden", "activation", "learningRate"));
        String activation = p.text("activation", "relu").toLowerCase();
        if (!ACTIVATIONS.contains(activation)) {
          reader.problem(
              p.value("activation").get(),
              "unknown activation '" + activation + "'; expected one of " + ACTIVATIONS);
          activation = "relu";
        }
        seed =
            new Seed.Mlp(
                p.integers("hidden", List.of(64)),
                activation,
                p.number("learningRate", 1e-3, 1e-7, 10));
      }
    }
    SeedTraining training = new SeedTraining(3, batchSize);
    Optional<ConfigReader.Section> t = m.child("seedTraining");
    if (t.isPresent()) {
      t.get().allowOnly(Set.of("epochs", "batchSize"));
      training =
          new SeedTraining(
              t.get().integer("epochs", 3, 1, 1000),
              t.get().integer("batchSize", batchSize, 1, 65536));
    }
    Optional<DatasetSchema> schema = DataSettingsReader.schema(reader, m);
    Optional<Holdout> holdout = DataSettingsReader.holdout(reader, m, base);
    if (v.isPresent() && (m.has("schema") || m.has("holdout"))) {
      reader.problem(
          v.get().node(),
          "validation is for models without a schema or holdout (Fashion-MNIST's test"
              + " split or a shard file); a model with a schema validates on its holdout");
    }
    if (m.has("schema") && holdout.isEmpty() && !m.has("holdout")) {
      holdout = Optional.of(new Holdout.Fraction(DataSettingsReader.DEFAULT_HOLDOUT));
    }
    DataSettingsReader.checkSeedFits(reader, m, seed, schema);
    EngineChoice engine =
        m.child("training")
            .map(section -> EngineSettingsReader.read(reader, section))
            .orElseGet(EngineChoice::inProcess);
    return Optional.of(
        new ModelSettings(name.get(), data, validation, seed, training, schema, holdout, engine));
  }

  private static Optional<String> env(Map<String, String> env, String key) {
    return Optional.ofNullable(env.get(key)).filter(v -> !v.isBlank());
  }

  public static Path defaultHome() {
    String env = System.getenv("NET2NET_HOME");
    return env != null && !env.isBlank()
        ? ConfigReader.expand(env)
        : Path.of(System.getProperty("user.home"), ".net2net");
  }

  /**
   * A third of the lease: two renewals may fail (a slow database, a pause) before the lease runs
   * out.
   */
  static Duration defaultHeartbeat(Duration lease) {
    return lease.dividedBy(3);
  }

  static String defaultWorkerId() {
    return ManagementFactory.getRuntimeMXBean().getName();
  }
}
