package dev.net2net.policies.model;

/** How wide a widened layer becomes. */
public sealed interface WidthChange {

  String describe();

  /** Multiply the width, rounding up, so that every layer grows by at least one unit. */
  record ByFactor(double factor) implements WidthChange {
    public ByFactor {
      if (!(factor > 1.0) || !Double.isFinite(factor) || factor > 16) {
        throw new IllegalArgumentException(
            "widen factor must be above 1 and at most 16, got " + factor);
      }
    }

    @Override
    public String describe() {
      return "by x" + Numbers.format(factor);
    }
  }

  /** Set an absolute width; the transform refuses a width not larger than the current one. */
  record ToWidth(int width) implements WidthChange {
    public ToWidth {
      if (width < 2) {
        throw new IllegalArgumentException("target width must be at least 2, got " + width);
      }
    }

    @Override
    public String describe() {
      return "to " + width + " units";
    }
  }
}
