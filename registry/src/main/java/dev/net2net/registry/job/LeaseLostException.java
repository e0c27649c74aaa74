package dev.net2net.registry.job;

import dev.net2net.registry.ConflictException;

/**
 * The worker no longer holds the job: its lease expired and another worker claimed it, or the job
 * finished. The worker must stop working on it; nothing was changed.
 */
public final class LeaseLostException extends ConflictException {
  public LeaseLostException(String message) {
    super(message);
  }
}
