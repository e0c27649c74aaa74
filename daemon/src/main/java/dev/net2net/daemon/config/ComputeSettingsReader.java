package dev.net2net.daemon.config;

import dev.net2net.daemon.config.DaemonConfig.Compute;
import dev.net2net.training.ComputeSettings;
import dev.net2net.training.TrainingLoop;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code compute} section: {@code threads} ({@code auto}, one per physical core, or a
 * number), {@code onednn} (DL4J's oneDNN layer helpers, {@code true} or {@code false}) and {@code
 * batchSize} (the default of seeds and training plans that name none), each problem reported where
 * it is.
 */
final class ComputeSettingsReader {
  static final int MAX_THREADS = 1024;

  private ComputeSettingsReader() {}

  static Compute compute(ConfigReader reader, Optional<ConfigReader.Section> section) {
    Compute defaults = Compute.defaults();
    if (section.isEmpty()) {
      return defaults;
    }
    ConfigReader.Section t = section.get();
    t.allowOnly(Set.of("threads", "onednn", "batchSize"));
    int threads = defaults.settings().threads();
    Optional<String> given = t.text("threads");
    if (given.isPresent() && !given.get().trim().equalsIgnoreCase("auto")) {
      try {
        int n = Integer.parseInt(given.get().trim());
        if (n < 1 || n > MAX_THREADS) {
          throw new NumberFormatException();
        }
        threads = n;
      } catch (NumberFormatException e) {
        reader.problem(
            t.value("threads").get(),
            "compute.threads must be 'auto' (one per physical core, "
                + threads
                + " here) or a whole number 1.."
                + MAX_THREADS
                + ", found '"
                + given.get()
                + "'");
      }
    }
    boolean onednn = defaults.settings().helpers();
    Optional<String> helpers = t.text("onednn");
    if (helpers.isPresent()) {
      switch (helpers.get().trim().toLowerCase(Locale.ROOT)) {
        case "true" -> onednn = true;
        case "false" -> onednn = false;
        default ->
            reader.problem(
                t.value("onednn").get(),
                "compute.onednn must be true or false, found '" + helpers.get() + "'");
      }
    }
    int batchSize = t.integer("batchSize", TrainingLoop.DEFAULT_BATCH_SIZE, 1, 65536);
    return new Compute(new ComputeSettings(threads, onednn), batchSize);
  }
}
