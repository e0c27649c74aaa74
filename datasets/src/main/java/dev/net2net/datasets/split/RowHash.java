package dev.net2net.datasets.split;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash of a row's bytes, fixed forever (version 1): the same row hashes the same on every
 * run, machine and JVM, which is what a split that must never move a row from training to
 * validation needs. Eight bytes at a time, little-endian, with the multiply-rotate steps and final
 * avalanche of the xxHash64 family; not cryptographic, well spread.
 */
public final class RowHash {
  public static final int VERSION = 1;
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private RowHash() {}

  public static long of(byte[] bytes, int offset, int length) {
    long h = P5 + length;
    int i = offset;
    int end = offset + length;
    for (; i + 8 <= end; i += 8) {
      long k = (long) LONGS.get(bytes, i);
      k *= P2;
      k = Long.rotateLeft(k, 31);
      k *= P1;
      h ^= k;
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    for (; i < end; i++) {
      h ^= (bytes[i] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    return mix(h);
  }

  /** The xxHash64 avalanche: every input bit affects every output bit. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }
}
