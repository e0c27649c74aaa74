/**
 * Helpers shared by the registry's services and by nothing outside the registry: {@link
 * dev.net2net.registry.internal.EventLog} appends an event inside the caller's transaction, {@link
 * dev.net2net.registry.internal.Locks} lists the registry's advisory lock ids in one namespace,
 * {@link dev.net2net.registry.internal.Lookups} resolves names to ids (unknown names become {@code
 * NotFoundException}), and {@link dev.net2net.registry.internal.Rows} maps result-set rows to
 * {@code model}'s value types. The classes are public only because Java has no narrower scope
 * across packages; other modules must not use them. Every service package ({@code alias}, {@code
 * decision}, {@code event}, {@code job}, {@code model}, {@code shard}) builds on it.
 */
package dev.net2net.registry.internal;
