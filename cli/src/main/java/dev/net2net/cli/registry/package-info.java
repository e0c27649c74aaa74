/**
 * The commands that read and steer the model registry without a daemon: {@code net2net registry}
 * with {@code list}, {@code show}, {@code lineage}, {@code promote} (move an alias by
 * compare-and-set) and {@code export} (copy a version's artifact, checking its SHA-256), and {@code
 * net2net migrate}, which brings a database's schema up to date. They share {@code DatabaseOptions}
 * (which database, where the artifacts are), a {@code VersionSelector} for {@code MODEL}, {@code
 * MODEL:NUMBER} or {@code MODEL:ALIAS} as typed, and {@code CommandLogging}, which keeps library
 * logs out of their output. Every command opens a {@code dev.net2net.registry.Registry} (or, for
 * migrations, a {@code dev.net2net.registry.db.Database}) and prints what it returns; the
 * registry's exceptions carry the one-line messages shown on error.
 */
package dev.net2net.cli.registry;
