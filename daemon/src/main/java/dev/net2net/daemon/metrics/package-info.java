/**
 * The daemon's own Micrometer meters, all declared in {@link
 * dev.net2net.daemon.metrics.DaemonMeters}: dataset rows, the champion's validation metrics and
 * parameter count, growth attempts by kind and outcome, transform and epoch durations, preservation
 * error, policy evaluations and job queue depth. Labels are kept to bounded sets (model, transform
 * kind, rule, outcome), never a version number, so the number of time series does not grow with the
 * registry. The package depends on nothing else in the project; {@code evaluation}, {@code growth}
 * and {@code policy} record into it, and the daemon's start-up binds it to the registry that the
 * HTTP API's {@code /metrics} endpoint exposes and the Grafana dashboards read.
 */
package dev.net2net.daemon.metrics;
