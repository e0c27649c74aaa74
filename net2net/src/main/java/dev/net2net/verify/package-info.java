/**
 * The preservation check: {@link dev.net2net.verify.Preservation} runs teacher and student in
 * inference mode on the same inputs and returns the maximum absolute difference of any output value
 * as a {@code report} {@code OutputDifference}, per output and overall. A maximum is used rather
 * than a signed sum because it cannot hide an error of opposite sign. It reads networks through
 * {@code model}'s handles; every transform (and {@code baseline}) calls it when given probe inputs,
 * and the command line's {@code verify} command, the daemon's growth worker and the benchmarks call
 * it to measure students directly.
 */
package dev.net2net.verify;
