package dev.net2net.widen;

import dev.net2net.TransformException;

/** The width a layer grows to: a number of units (channels), or a factor on the current width. */
public sealed interface Width {

  /** The new width for a layer that has {@code current} units now. */
  int resolve(int current);

  record Units(int units) implements Width {
    public Units {
      if (units < 1) {
        throw new IllegalArgumentException("a width must be positive: " + units);
      }
    }

    @Override
    public int resolve(int current) {
      if (units <= current) {
        throw new TransformException(
            "the new width " + units + " must be larger than the current width " + current);
      }
      return units;
    }

    @Override
    public String toString() {
      return String.valueOf(units);
    }
  }

  /** A factor &gt; 1; the result is rounded to the nearest unit and must add at least one. */
  record Factor(double factor) implements Width {
    public Factor {
      if (!(factor > 1.0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException(
            "a widening factor must be a finite number above 1: " + factor);
      }
    }

    @Override
    public int resolve(int current) {
      long units = Math.round(current * factor);
      if (units <= current) {
        throw new TransformException("factor " + factor + " on " + current + " units adds no unit");
      }
      if (units > Integer.MAX_VALUE / 2) {
        throw new TransformException("factor " + factor + " on " + current + " units is too large");
      }
      return (int) units;
    }

    @Override
    public String toString() {
      return "x" + factor;
    }
  }

  static Width units(int units) {
    return new Units(units);
  }

  static Width factor(double factor) {
    return new Factor(factor);
  }
}
