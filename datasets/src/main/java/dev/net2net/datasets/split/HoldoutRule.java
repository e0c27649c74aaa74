package dev.net2net.datasets.split;

/**
 * Which rows of a shard are held out for validation (never trained on). Recorded in every cache
 * file, so a cache built under another rule is seen as stale and rebuilt.
 */
public sealed interface HoldoutRule {
  /**
   * Whether the row whose stored bytes are {@code row[offset, offset+length)} goes to validation.
   */
  boolean holdout(byte[] row, int offset, int length);

  /** The fraction recorded in a cache header: the fraction itself, 0 for none, 1 for all. */
  double fraction();

  /** A code recorded in a cache header. */
  int code();

  /** Every row trains (the shards of a model whose holdout is a file of its own). */
  record None() implements HoldoutRule {
    @Override
    public boolean holdout(byte[] row, int offset, int length) {
      return false;
    }

    @Override
    public double fraction() {
      return 0;
    }

    @Override
    public int code() {
      return 0;
    }
  }

  /** Every row validates (the holdout file itself). */
  record All() implements HoldoutRule {
    @Override
    public boolean holdout(byte[] row, int offset, int length) {
      return true;
    }

    @Override
    public double fraction() {
      return 1;
    }

    @Override
    public int code() {
      return 2;
    }
  }

  /**
   * A deterministic fraction of rows, chosen by the hash of the row's stored bytes: the top 53 bits
   * of {@link RowHash} as a number in [0, 1) below the fraction. Identical rows always land
   * together, so a duplicate never leaks from training into validation.
   */
  record Fraction(double fraction) implements HoldoutRule {
    public Fraction {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException(
            "holdout fraction must be above 0 and below 1, got " + fraction);
      }
    }

    @Override
    public boolean holdout(byte[] row, int offset, int length) {
      return unit(RowHash.of(row, offset, length)) < fraction;
    }

    @Override
    public int code() {
      return 1;
    }

    static double unit(long hash) {
      return (hash >>> 11) * 0x1.0p-53;
    }
  }

  static HoldoutRule none() {
    return new None();
  }

  static HoldoutRule all() {
    return new All();
  }

  static HoldoutRule fraction(double f) {
    return new Fraction(f);
  }
}
