package dev.net2net.registry.artifact;

import dev.net2net.registry.Sha256;
import java.util.List;

/**
 * What an artifact sweep found: files that no version names (removed), leftover temporary files
 * from interrupted writes (removed), and the number of files kept.
 */
public record SweepReport(List<Sha256> removedArtifacts, int removedTemporaryFiles, int kept) {
  public SweepReport {
    removedArtifacts = List.copyOf(removedArtifacts);
  }
}
