package dev.net2net.daemon.config;

import dev.net2net.datasets.schema.Classes;
import dev.net2net.datasets.schema.DatasetSchema;
import dev.net2net.datasets.schema.Features;
import dev.net2net.datasets.schema.ImageShape;
import dev.net2net.datasets.schema.Shape;
import dev.net2net.datasets.schema.TabularShape;
import dev.net2net.datasets.split.Holdout;
import dev.net2net.training.seed.Seed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a model's data keys: {@code schema} (what its examples look like), {@code holdout} (which
 * rows validate) and the {@code cnn} seed, reporting every bad value at its file:line:column.
 */
final class DataSettingsReader {
  /** A model with a schema and no holdout validates on this hashed fraction of every shard. */
  static final double DEFAULT_HOLDOUT = 0.2;

  private DataSettingsReader() {}

  static Optional<DatasetSchema> schema(ConfigReader reader, ConfigReader.Section model) {
    Optional<ConfigReader.Section> section = model.child("schema");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigReader.Section s = section.get();
    s.allowOnly(Set.of("tabular", "image", "classes"));
    Shape shape = null;
    if (s.has("tabular") && s.has("image")) {
      reader.problem(
          s.node(),
          "schema has both 'tabular' and 'image'; a model's examples are one or the other");
    } else if (s.has("tabular")) {
      shape = tabular(reader, s.child("tabular").get());
    } else if (s.has("image")) {
      shape = image(reader, s.child("image").get());
    } else {
      reader.problem(
          s.node(),
          "schema needs 'tabular' (a label column and features) or 'image' (height, width,"
              + " channels)");
    }
    Optional<Classes> classes = classes(reader, s);
    if (shape == null || classes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DatasetSchema(shape, classes.get()));
  }

  private static Shape tabular(ConfigReader reader, ConfigReader.Section t) {
    t.allowOnly(Set.of("label", "features"));
    Optional<String> label = t.text("label");
    if (label.isEmpty() || label.get().isBlank()) {
      reader.problem(t.node(), "schema.tabular needs 'label': the header of the label column");
      return null;
    }
    Features features = Features.all();
    Optional<Node> f = t.value("features");
    if (f.isPresent()) {
      if (f.get() instanceof ScalarNode scalar && scalar.getValue().equals("all")) {
        features = Features.all();
      } else if (f.get() instanceof SequenceNode list) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node item : list.getValue()) {
          if (!(item instanceof ScalarNode name) || name.getValue().isBlank()) {
            reader.problem(item, "schema.tabular.features must list column names");
            return null;
          }
          if (!seen.add(name.getValue())) {
            reader.problem(item, "feature column '" + name.getValue() + "' is listed twice");
            return null;
          }
          if (name.getValue().equals(label.get())) {
            reader.problem(item, "the label column '" + label.get() + "' cannot also be a feature");
            return null;
          }
          names.add(name.getValue());
        }
        if (names.isEmpty()) {
          reader.problem(
              f.get(),
              "schema.tabular.features lists no columns; write 'all' or name at least one");
          return null;
        }
        features = Features.named(names);
      } else {
        reader.problem(f.get(), "schema.tabular.features must be 'all' or a list of column names");
        return null;
      }
    }
    return new TabularShape(label.get(), features);
  }

  private static Shape image(ConfigReader reader, ConfigReader.Section i) {
    i.allowOnly(Set.of("height", "width", "channels", "resize"));
    for (String key : List.of("height", "width")) {
      if (!i.has(key)) {
        reader.problem(i.node(), "schema.image needs '" + key + "' (pixels)");
        return null;
      }
    }
    int height = i.integer("height", 28, 1, ImageShape.MAX_SIDE);
    int width = i.integer("width", 28, 1, ImageShape.MAX_SIDE);
    int channels = i.integer("channels", 1, 1, 4);
    if (channels == 2) {
      reader.problem(
          i.value("channels").get(),
          "schema.image.channels must be 1 (grey), 3 (RGB) or 4 (RGBA), not 2");
      return null;
    }
    boolean resize = false;
    Optional<String> r = i.text("resize");
    if (r.isPresent()) {
      if (r.get().equals("true") || r.get().equals("false")) {
        resize = r.get().equals("true");
      } else {
        reader.problem(
            i.value("resize").get(),
            "schema.image.resize must be true or false, not '" + r.get() + "'");
      }
    }
    return new ImageShape(height, width, channels, resize);
  }

  private static Optional<Classes> classes(ConfigReader reader, ConfigReader.Section s) {
    Optional<Node> node = s.value("classes");
    if (node.isEmpty()) {
      reader.problem(s.node(), "schema needs 'classes': a list of class names, or their number");
      return Optional.empty();
    }
    if (node.get() instanceof SequenceNode list) {
      List<String> names = new ArrayList<>();
      for (Node item : list.getValue()) {
        if (!(item instanceof ScalarNode name) || name.getValue().isBlank()) {
          reader.problem(item, "schema.classes must list class names");
          return Optional.empty();
        }
        if (names.contains(name.getValue())) {
          reader.problem(item, "class '" + name.getValue() + "' is listed twice");
          return Optional.empty();
        }
        names.add(name.getValue());
      }
      if (names.size() < 2) {
        reader.problem(
            list,
            "schema.classes lists " + names.size() + " class(es); a classifier needs at least 2");
        return Optional.empty();
      }
      return Optional.of(Classes.named(names));
    }
    int count = s.integer("classes", 0, 2, 1_000_000);
    return count >= 2 ? Optional.of(Classes.counted(count)) : Optional.empty();
  }

  static Optional<Holdout> holdout(ConfigReader reader, ConfigReader.Section model, Path base) {
    Optional<ConfigReader.Section> section = model.child("holdout");
    if (section.isEmpty()) {
      return Optional.empty();
    }
    ConfigReader.Section h = section.get();
    h.allowOnly(Set.of("fraction", "file"));
    if (h.has("fraction") == h.has("file")) {
      reader.problem(
          h.node(),
          "holdout needs exactly one of 'fraction' (a share of every shard, above 0 and below 1)"
              + " or 'file' (a shard of its own)");
      return Optional.empty();
    }
    if (h.has("file")) {
      return h.path("file").map(base::resolve).map(Holdout.File::new);
    }
    double fraction = h.number("fraction", DEFAULT_HOLDOUT, 0, 1);
    if (!(fraction > 0 && fraction < 1)) {
      reader.problem(
          h.value("fraction").get(),
          "holdout.fraction must be above 0 and below 1, got " + fraction);
      return Optional.empty();
    }
    return Optional.of(new Holdout.Fraction(fraction));
  }

  static Seed cnn(ConfigReader reader, ConfigReader.Section c) {
    c.allowOnly(Set.of("filters", "dense", "learningRate"));
    List<Integer> filters = c.integers("filters", List.of(16, 32));
    if (filters.isEmpty() || filters.stream().anyMatch(f -> f < 1)) {
      reader.problem(
          c.value("filters").orElse(c.node()), "seed.cnn.filters must list positive filter counts");
      filters = List.of(16, 32);
    }
    return new Seed.Cnn(
        filters, c.integer("dense", 64, 1, 65536), c.number("learningRate", 1e-3, 1e-7, 10));
  }

  /** Seeds that need images are refused for a table, where the seed is declared. */
  static void checkSeedFits(
      ConfigReader reader, ConfigReader.Section model, Seed seed, Optional<DatasetSchema> schema) {
    if (schema.isPresent()
        && !schema.get().isImage()
        && (seed instanceof Seed.Cnn || seed instanceof Seed.Inception)) {
      Node at = model.child("seed").map(ConfigReader.Section::node).orElse(model.node());
      reader.problem(
          at,
          "a "
              + (seed instanceof Seed.Cnn ? "cnn" : "inception")
              + " seed needs an image schema; this model's schema is tabular (use mlp)");
    }
  }
}
