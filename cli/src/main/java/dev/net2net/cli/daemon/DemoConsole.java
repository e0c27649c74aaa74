package dev.net2net.cli.daemon;

import dev.net2net.daemon.events.DaemonEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Prints the daemon's events as the demo's running story, one line each. */
final class DemoConsole {
  private final PrintWriter out;
  private final Instant started;
  private final AtomicInteger widens = new AtomicInteger();
  private final AtomicInteger deepens = new AtomicInteger();
  private volatile int lastChampion = -1;

  DemoConsole(PrintWriter out, Instant started) {
    this.out = out;
    this.started = started;
  }

  int widensPromoted() {
    return widens.get();
  }

  int deepensPromoted() {
    return deepens.get();
  }

  synchronized void line(String format, Object... args) {
    Duration since = Duration.between(started, Instant.now());
    out.printf(
        Locale.ROOT,
        "[%02d:%02d] %s%n",
        since.toMinutes(),
        since.toSecondsPart(),
        String.format(Locale.ROOT, format, args));
    out.flush();
  }

  void accept(DaemonEvent e) {
    switch (e.type()) {
      case DaemonEvent.DATASET_GREW ->
          line("data       %s has %,d rows (+%,d)", e.model(), num(e, "rows"), num(e, "added"));
      case DaemonEvent.SHARD_QUARANTINED ->
          line("data       quarantined %s: %s", e.field("path"), e.field("reason"));
      case DaemonEvent.CHAMPION_EVALUATED -> {
        int version = (int) num(e, "version");
        if (version != lastChampion) {
          lastChampion = version;
          line(
              "champion   %s v%d: validation accuracy %.4f, %,d parameters",
              e.model(), version, dbl(e, "accuracy"), num(e, "parameters"));
        }
      }
      case DaemonEvent.DECISION ->
          line(
              "policy     rule %s fired: %s (job %s)",
              e.field("rule"), e.field("action"), e.field("job"));
      case DaemonEvent.GROWTH_STARTED ->
          line(
              "growth     %s v%s (accuracy %.4f, %,d parameters, %,d rows): %s",
              e.model(),
              e.field("champion"),
              dbl(e, "accuracy"),
              num(e, "parameters"),
              num(e, "rows"),
              e.field("action"));
      case DaemonEvent.TRANSFORM_DONE ->
          line(
              "transform  %s %s: %,d -> %,d parameters, preservation error %.2e",
              e.field("kind"),
              e.field("target"),
              num(e, "parametersBefore"),
              num(e, "parametersAfter"),
              dbl(e, "preservationError"));
      case DaemonEvent.TRAINING_EPOCH ->
          line(
              "training   %s epoch %d/%d: train loss %.4f, validation accuracy %.4f"
                  + " (%.1f s, %,.0f samples/s)",
              e.field("kind"),
              num(e, "epoch"),
              num(e, "epochs"),
              dbl(e, "trainLoss"),
              dbl(e, "accuracy"),
              dbl(e, "seconds"),
              dbl(e, "samplesPerSecond"));
      case DaemonEvent.GROWTH_FINISHED -> {
        String outcome = String.valueOf(e.field("outcome"));
        String kind = String.valueOf(e.field("kind"));
        if (outcome.equals("PROMOTED") && kind.equals("widen")) {
          widens.incrementAndGet();
        } else if (outcome.equals("PROMOTED") && kind.equals("deepen")) {
          deepens.incrementAndGet();
        }
        line("%-10s %s", outcome.toLowerCase(Locale.ROOT), e.field("summary"));
      }
      case DaemonEvent.TOURNAMENT_DECIDED -> line("%-10s %s", "tournament", e.field("summary"));
      default -> {}
    }
  }

  private static long num(DaemonEvent e, String field) {
    Object v = e.field(field);
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static double dbl(DaemonEvent e, String field) {
    Object v = e.field(field);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
