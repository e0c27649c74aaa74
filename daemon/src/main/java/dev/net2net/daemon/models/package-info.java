/**
 * The models the daemon grows, as it holds them in memory: a thread-safe {@link
 * dev.net2net.daemon.models.ManagedModel} per configured model keeps its settings, its training
 * {@code Dataset}, its fixed held-out validation set and the history of its champion's evaluations
 * that the policies read. {@link dev.net2net.daemon.models.Architectures} describes a network in
 * one line for the registry. It is built from {@code config}'s model settings and {@code data}'s
 * dataset; {@code evaluation} writes the history, {@code policy} reads it, and {@code growth}
 * trains on the data.
 */
package dev.net2net.daemon.models;
