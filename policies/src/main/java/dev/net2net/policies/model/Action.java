package dev.net2net.policies.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What a rule does to the champion when it fires. */
public sealed interface Action {

  /** The standard deviation of symmetry-breaking noise when a policy does not set one. */
  double DEFAULT_NOISE = 0.01;

  ActionKind kind();

  /** One line a person can read: "widen all hidden layers by x1.5 (noise 0.01)". */
  String describe();

  /**
   * Net2WiderNet on the chosen layers. {@code noise} is the standard deviation of the noise added
   * to replicated units: without it they receive identical gradients and never diverge; 0 keeps the
   * function exactly.
   */
  record Widen(LayerSelection layers, WidthChange change, double noise, OptionalLong seed)
      implements Action {
    public Widen {
      Objects.requireNonNull(layers, "layers");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(seed, "seed");
      requireNoise(noise);
    }

    @Override
    public ActionKind kind() {
      return ActionKind.WIDEN;
    }

    @Override
    public String describe() {
      return "widen "
          + layers.describe()
          + " "
          + change.describe()
          + " (noise "
          + Numbers.format(noise)
          + ")";
    }
  }

  /**
   * Net2DeeperNet: an identity layer after {@code after}. {@code kernel} applies when that layer is
   * a convolution (odd, so the identity keeps the spatial size); absent means the transform's
   * default, 3.
   */
  record Deepen(PolicyLayer after, OptionalInt kernel, boolean batchNorm) implements Action {
    public Deepen {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(kernel, "kernel");
      kernel.ifPresent(Action::requireKernel);
    }

    @Override
    public ActionKind kind() {
      return ActionKind.DEEPEN;
    }

    @Override
    public String describe() {
      return "deepen after "
          + after.describe()
          + kernel.stream().mapToObj(k -> " (kernel " + k + ")").findFirst().orElse("")
          + (batchNorm ? " with batch norm" : "");
    }
  }

  /**
   * Grow several candidates from the same champion, each by its own action and, optionally, its own
   * training plan (absent: the rule's), and keep the best of those that pass the promotion gate.
   * The daemon runs one growth job per candidate, so any replica's worker may train any of them;
   * the tournament ends when every candidate has ended or {@code deadline} (from the decision) has
   * passed. {@code tryBoth} in a policy file is this with two candidates.
   */
  record Tournament(List<Entrant> entrants, Duration deadline) implements Action {
    public static final int MIN_CANDIDATES = 2;
    public static final int MAX_CANDIDATES = 8;
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(6);
    public static final Duration MIN_DEADLINE = Duration.ofSeconds(1);

    public Tournament {
      entrants = List.copyOf(entrants);
      Objects.requireNonNull(deadline, "deadline");
      if (entrants.size() < MIN_CANDIDATES || entrants.size() > MAX_CANDIDATES) {
        throw new IllegalArgumentException(
            "a tournament needs "
                + MIN_CANDIDATES
                + " to "
                + MAX_CANDIDATES
                + " candidates, got "
                + entrants.size());
      }
      for (int i = 0; i < entrants.size(); i++) {
        int first = entrants.indexOf(entrants.get(i));
        if (first != i) {
          throw new IllegalArgumentException(
              "candidate " + (i + 1) + " is the same as candidate " + (first + 1));
        }
      }
      if (deadline.compareTo(MIN_DEADLINE) < 0) {
        throw new IllegalArgumentException(
            "a tournament's deadline must be at least 1s, got " + deadline);
      }
    }

    /** Two candidates trained with the rule's plan: what {@code tryBoth} means. */
    public static Tournament ofTwo(Action first, Action second) {
      return new Tournament(
          List.of(new Entrant(first, Optional.empty()), new Entrant(second, Optional.empty())),
          DEFAULT_DEADLINE);
    }

    @Override
    public ActionKind kind() {
      return ActionKind.TOURNAMENT;
    }

    @Override
    public String describe() {
      StringBuilder s = new StringBuilder("tournament of ").append(entrants.size()).append(":");
      for (Entrant e : entrants) {
        s.append(" [").append(e.describe()).append("]");
      }
      return s.append(", keep the best (deadline ")
          .append(Durations.format(deadline))
          .append(")")
          .toString();
    }

    /** One candidate: a single transform and the plan it is trained with, if not the rule's. */
    public record Entrant(Action action, Optional<TrainingPlan> training) {
      public Entrant {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(training, "training");
        if (action instanceof Tournament) {
          throw new IllegalArgumentException("a tournament's candidate cannot be a tournament");
        }
      }

      public String describe() {
        return action.describe() + training.map(t -> "; " + t.describe()).orElse("");
      }
    }
  }

  /** For Inception-style graphs: widen every conv of every tower feeding the chosen merges. */
  record WidenTowers(MergeSelection merges, double factor, double noise) implements Action {
    public WidenTowers {
      Objects.requireNonNull(merges, "merges");
      new WidthChange.ByFactor(factor);
      requireNoise(noise);
    }

    @Override
    public ActionKind kind() {
      return ActionKind.WIDEN_TOWERS;
    }

    @Override
    public String describe() {
      return "widen "
          + merges.describe()
          + " by x"
          + Numbers.format(factor)
          + " (noise "
          + Numbers.format(noise)
          + ")";
    }
  }

  /** For Inception-style graphs: append {@code convs} identity convolutions to every tower. */
  record DeepenTowers(MergeSelection merges, int convs, int kernel, boolean batchNorm)
      implements Action {
    public DeepenTowers {
      Objects.requireNonNull(merges, "merges");
      if (convs < 1 || convs > 8) {
        throw new IllegalArgumentException("convs must be between 1 and 8, got " + convs);
      }
      requireKernel(kernel);
    }

    @Override
    public ActionKind kind() {
      return ActionKind.DEEPEN_TOWERS;
    }

    @Override
    public String describe() {
      return "deepen "
          + merges.describe()
          + " by "
          + convs
          + " identity conv"
          + (convs == 1 ? "" : "s")
          + " (kernel "
          + kernel
          + ")"
          + (batchNorm ? " with batch norm" : "");
    }
  }

  private static void requireNoise(double noise) {
    if (!(noise >= 0) || noise > 1) {
      throw new IllegalArgumentException("noise must be between 0 and 1, got " + noise);
    }
  }

  private static void requireKernel(int kernel) {
    if (kernel < 1 || kernel > 15 || kernel % 2 == 0) {
      throw new IllegalArgumentException("kernel must be odd, between 1 and 15, got " + kernel);
    }
  }
}
