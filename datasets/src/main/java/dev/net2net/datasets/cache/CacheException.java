package dev.net2net.datasets.cache;

import dev.net2net.errors.ErrorKind;
import dev.net2net.errors.UserFacingError;

/**
 * A cache file is unusable: corrupt (its checksum or size disagrees with its header), stale (built
 * by another version, from another shard or under another holdout rule) or unreadable. It is never
 * trained on; the shard it came from is converted again.
 */
public final class CacheException extends RuntimeException implements UserFacingError {
  @Override
  public ErrorKind kind() {
    return ErrorKind.CORRUPT;
  }

  public CacheException(String message) {
    super(message);
  }

  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
