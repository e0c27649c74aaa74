/**
 * Replays a recorded signal history (a CSV file, read by {@link
 * dev.net2net.policies.simulate.SignalHistoryCsv}) through a policy, so a user can see what it
 * would have done before the daemon runs it. The {@link dev.net2net.policies.simulate.Simulator}
 * plays the daemon's part around the {@code evaluate} package's evaluator, ending each growth as
 * the stated {@link dev.net2net.policies.simulate.Assumptions} say, and returns a {@link
 * dev.net2net.policies.simulate.SimulationReport}. Errors in the history file are reported as
 * {@code validate} diagnostics; the command line's {@code policy simulate} is its user.
 */
package dev.net2net.policies.simulate;
