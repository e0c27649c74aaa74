package dev.net2net.policies.model;

import java.util.Objects;
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
   * Grow two candidates from the same champion, train both with the same plan, and keep the better
   * by the promotion gate's metric (which must still pass the gate).
   */
  record TryBoth(Action first, Action second) implements Action {
    public TryBoth {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (first instanceof TryBoth || second instanceof TryBoth) {
        throw new IllegalArgumentException("tryBoth cannot nest another tryBoth");
      }
      if (first.kind() == second.kind()) {
        throw new IllegalArgumentException(
            "tryBoth needs two different kinds of action, got two " + first.kind());
      }
    }

    @Override
    public ActionKind kind() {
      return ActionKind.TRY_BOTH;
    }

    @Override
    public String describe() {
      return "try both [" + first.describe() + "] and [" + second.describe() + "], keep the better";
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
