/**
 * The daemon's in-process notifications: a {@link dev.net2net.daemon.events.DaemonEvent} ({@code
 * dataset.grew}, {@code champion.evaluated}, {@code growth.finished} and the like) is published
 * through an {@link dev.net2net.daemon.events.EventSink}, which blocking code can call from any
 * thread, and {@link dev.net2net.daemon.events.EventBusSink} puts it on the Vert.x event bus. These
 * events are how the verticles wake each other (data grew, so evaluate; evaluated, so consult the
 * policies) and what the demo's console prints; they are not stored, unlike the registry's event
 * log. The package depends on nothing else in the project; {@code data}, {@code evaluation}, {@code
 * growth} and {@code policy} publish, and the daemon and the command line's {@code demo} listen.
 */
package dev.net2net.daemon.events;
