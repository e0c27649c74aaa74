/**
 * The artifact store: model files kept content-addressed under a root directory ({@code
 * sha256/ab/abcdef...}) by {@link dev.net2net.registry.artifact.ArtifactStore}. A file is written
 * to a temporary name, fsynced and renamed before the row that names it is committed, so a crash
 * can leave an orphan file (removed by a sweep, reported as a {@link
 * dev.net2net.registry.artifact.SweepReport}) but never a row naming a missing file. Every read
 * recomputes the checksum and size against the recorded {@link
 * dev.net2net.registry.artifact.StoredArtifact} and refuses a mismatch with an {@link
 * dev.net2net.registry.artifact.ArtifactIntegrityException}. {@code model}'s {@code Versions}
 * stores a version's bytes here; the daemon's growth worker and the registry benchmark read and
 * write artifacts through it.
 */
package dev.net2net.registry.artifact;
