/**
 * Aliases, the names that point at a model's versions ({@code champion}, which the daemon serves
 * and grows, and user-defined ones): {@link dev.net2net.registry.alias.Aliases} moves an alias only
 * by compare-and-set against the version the caller expects, records every {@link
 * dev.net2net.registry.alias.AliasMove}, and returns an {@link
 * dev.net2net.registry.alias.AliasMoveResult} that tells a caller who lost the race what the alias
 * names now. It works through {@code db}'s transactions, {@code internal}'s lookups and event log,
 * and {@code model}'s names and versions. The daemon's growth worker moves the champion with it,
 * and the HTTP API and the command line's {@code registry promote} command read aliases and move
 * them by hand.
 */
package dev.net2net.registry.alias;
