package dev.net2net.datasets.stream;

import dev.net2net.datasets.split.RowHash;

/**
 * A seeded random permutation of {@code 0..n-1} that costs no memory per row: a four-round Feistel
 * network on the smallest even number of bits that covers n, with cycle-walking (a value outside
 * {@code 0..n-1} is encrypted again until it falls inside). A Feistel network is a bijection on its
 * domain, and cycle-walking keeps it one on {@code 0..n-1}, so every row is visited exactly once;
 * on average fewer than four rounds of walking per index, since the domain is under 4n.
 */
public final class EpochOrder {
  private static final int ROUNDS = 4;
  private final long n;
  private final int halfBits;
  private final long mask;
  private final long[] keys = new long[ROUNDS];

  public EpochOrder(long n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("negative size " + n);
    }
    this.n = n;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
    this.halfBits = (bits + 1) / 2;
    this.mask = (1L << halfBits) - 1;
    long k = seed;
    for (int r = 0; r < ROUNDS; r++) {
      k = RowHash.mix(k + 0x9E3779B97F4A7C15L * (r + 1));
      keys[r] = k;
    }
  }

  /** The order of epoch {@code epoch} of a run seeded with {@code seed}. */
  public static EpochOrder of(long n, long seed, long epoch) {
    return new EpochOrder(n, RowHash.mix(seed * 0x9E3779B97F4A7C15L + epoch));
  }

  public long size() {
    return n;
  }

  /** The row visited at position {@code i} of the epoch. */
  public long at(long i) {
    if (i < 0 || i >= n) {
      throw new IndexOutOfBoundsException(i + " of " + n);
    }
    long x = i;
    do {
      x = encrypt(x);
    } while (x >= n);
    return x;
  }

  private long encrypt(long x) {
    long left = x >>> halfBits;
    long right = x & mask;
    for (int r = 0; r < ROUNDS; r++) {
      long next = left ^ (RowHash.mix(right ^ keys[r]) & mask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
