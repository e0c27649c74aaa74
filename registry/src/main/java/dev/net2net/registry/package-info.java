/**
 * The model registry's entry point and shared vocabulary: {@link dev.net2net.registry.Registry}
 * opens the database and the artifact store from a {@link dev.net2net.registry.RegistryConfig} and
 * hands out one service per concern (models and versions, aliases, decisions, jobs, shards, events,
 * artifacts), all blocking on JDBC or file I/O. It also holds the values every subpackage speaks in
 * ({@link dev.net2net.registry.Sha256}, {@link dev.net2net.registry.JsonDocument}), the local home
 * {@link dev.net2net.registry.Net2NetHome}, and the exception hierarchy, whose {@link
 * dev.net2net.registry.RegistryInputException}s carry a one-line message for the user and an {@code
 * dev.net2net.errors} kind. The registry knows nothing of Vert.x or DL4J: transforms are opaque
 * JSON to it. The daemon, the command line's {@code registry} and {@code daemon} commands, and the
 * registry benchmark use it.
 */
package dev.net2net.registry;
