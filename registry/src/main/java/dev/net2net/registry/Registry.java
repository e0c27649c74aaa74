package dev.net2net.registry;

import dev.net2net.registry.alias.Aliases;
import dev.net2net.registry.artifact.ArtifactStore;
import dev.net2net.registry.artifact.SweepReport;
import dev.net2net.registry.db.Database;
import dev.net2net.registry.db.LeaderLock;
import dev.net2net.registry.db.Migrations;
import dev.net2net.registry.decision.Decisions;
import dev.net2net.registry.decision.Tournaments;
import dev.net2net.registry.event.Events;
import dev.net2net.registry.internal.Locks;
import dev.net2net.registry.job.GrowthJobs;
import dev.net2net.registry.model.Models;
import dev.net2net.registry.model.Versions;
import dev.net2net.registry.shard.DatasetShards;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The model registry: one entry point over the database and the artifact store. Thread-safe; open
 * one per process and share it. Every method blocks on JDBC or file I/O, so Vert.x callers run them
 * on worker threads.
 *
 * <pre>{@code
 * try (Registry registry = Registry.open(RegistryConfig.localDefaults())) {
 *   registry.models().getOrCreate(ModelName.of("fashion"), "Fashion-MNIST classifier");
 *   ModelVersion seed = registry.versions().register(NewVersion.seed(...), ArtifactSource.ofFile(zip));
 * }
 * }</pre>
 */
public final class Registry implements AutoCloseable {
  private final Database database;
  private final ArtifactStore artifacts;
  private final Models models;
  private final Versions versions;
  private final Aliases aliases;
  private final Decisions decisions;
  private final GrowthJobs jobs;
  private final Tournaments tournaments;
  private final DatasetShards shards;
  private final Events events;

  private Registry(Database database, ArtifactStore artifacts) {
    this.database = database;
    this.artifacts = artifacts;
    this.models = new Models(database);
    this.versions = new Versions(database, artifacts);
    this.aliases = new Aliases(database);
    this.decisions = new Decisions(database);
    this.jobs = new GrowthJobs(database);
    this.tournaments = new Tournaments(database, decisions, jobs);
    this.shards = new DatasetShards(database);
    this.events = new Events(database);
  }

  /** Connects, migrates or checks the schema as configured, and opens the artifact store. */
  public static Registry open(RegistryConfig config) {
    Database database = Database.open(config.database(), config.maxPoolSize());
    try {
      Migrations migrations = new Migrations(database);
      switch (config.schema()) {
        case MIGRATE -> migrations.migrate();
        case REQUIRE_CURRENT -> migrations.requireUpToDate();
      }
      return new Registry(database, new ArtifactStore(config.artifactRoot()));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public Models models() {
    return models;
  }

  public Versions versions() {
    return versions;
  }

  public Aliases aliases() {
    return aliases;
  }

  public Decisions decisions() {
    return decisions;
  }

  public GrowthJobs jobs() {
    return jobs;
  }

  public Tournaments tournaments() {
    return tournaments;
  }

  public DatasetShards shards() {
    return shards;
  }

  public Events events() {
    return events;
  }

  public ArtifactStore artifacts() {
    return artifacts;
  }

  public Database database() {
    return database;
  }

  /**
   * Removes artifact files that no version names (left by a process that died between writing an
   * artifact and committing its version) and interrupted temporary files. Holds the artifact-store
   * lock exclusively meanwhile, so registrations in flight wait rather than lose their file.
   */
  public SweepReport sweepArtifacts() {
    return database.inTransaction(
        "sweeping the artifact store " + artifacts.root(),
        connection -> {
          Locks.lockArtifactStoreExclusively(connection);
          Set<Sha256> named = new HashSet<>();
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT DISTINCT artifact_sha256 FROM model_versions");
              ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              named.add(new Sha256(rs.getString(1)));
            }
          }
          return artifacts.sweep(named);
        });
  }

  /**
   * Tries to become the leader named {@code name} (e.g. "policy-engine"); see {@link LeaderLock}.
   */
  public Optional<LeaderLock> tryAcquireLeadership(String name) {
    return LeaderLock.tryAcquire(database, name);
  }

  @Override
  public void close() {
    database.close();
  }
}
