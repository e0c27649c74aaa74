/**
 * Which rows validate: {@link dev.net2net.datasets.split.HoldoutRule} decides per row from a hash
 * of its stored bytes ({@link dev.net2net.datasets.split.RowHash}, fixed forever), so the split is
 * the same on every run, machine and replica; {@link dev.net2net.datasets.split.Holdout} is a
 * model's configured holdout (a fraction, or a file of its own).
 */
package dev.net2net.datasets.split;
