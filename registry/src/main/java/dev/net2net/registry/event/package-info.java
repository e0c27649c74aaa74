/**
 * The registry's append-only event log: every registry change appends an {@link
 * dev.net2net.registry.event.Event} (such as {@code version.registered} or {@code alias.moved}) in
 * the same transaction, so an event exists exactly when its change was committed. {@link
 * dev.net2net.registry.event.Events} lets a reader poll for events after the last id it saw; ids
 * become visible in increasing order, so such a reader never skips one. Appending goes through
 * {@code internal}'s {@code EventLog}; the log is reached from outside only through {@code
 * Registry.events()}, and it is distinct from the daemon's in-process {@code DaemonEvent} bus.
 */
package dev.net2net.registry.event;
