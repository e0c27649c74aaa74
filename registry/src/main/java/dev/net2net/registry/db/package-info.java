/**
 * The registry's connection to PostgreSQL: {@link dev.net2net.registry.db.Database} (a HikariCP
 * pool through which all registry SQL runs, translating driver failures into messages naming the
 * action and the redacted database), {@link dev.net2net.registry.db.DatabaseUrl} (a JDBC or libpq
 * URL, or an embedded server whose data directory persists on disk, run by {@link
 * dev.net2net.registry.db.EmbeddedPostgresServer}), Flyway {@link
 * dev.net2net.registry.db.Migrations} serialised by an advisory lock, and {@link
 * dev.net2net.registry.db.LeaderLock}, the advisory lock that elects one daemon replica to lead the
 * policy engine. Every registry service runs its transactions through it; the daemon and the
 * command line parse database URLs with it, {@code net2net migrate} runs the migrations, and the
 * daemon's policy engine holds the leader lock.
 */
package dev.net2net.registry.db;
