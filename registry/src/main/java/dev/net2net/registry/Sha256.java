package dev.net2net.registry;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest as 64 lowercase hex digits: artifact checksums, shard checksums, dataset
 * digests.
 */
public record Sha256(String hex) implements Comparable<Sha256> {
  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

  public Sha256 {
    Objects.requireNonNull(hex, "hex");
    if (!FORMAT.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "not a SHA-256 digest: '" + abbreviate(hex) + "' (expected 64 lowercase hex digits)");
    }
  }

  public static Sha256 of(byte[] bytes) {
    return new Sha256(HexFormat.of().formatHex(newDigest().digest(bytes)));
  }

  /** Reads {@code in} to its end. */
  public static Sha256 of(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return fromDigest(digest);
  }

  public static Sha256 fromDigest(MessageDigest digest) {
    return new Sha256(HexFormat.of().formatHex(digest.digest()));
  }

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The first 12 digits, enough to tell artifacts apart in a listing. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public int compareTo(Sha256 other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
