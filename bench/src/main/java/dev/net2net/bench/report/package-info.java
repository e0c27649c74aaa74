/**
 * How experiment results are written down: a {@link dev.net2net.bench.report.Report} is one
 * markdown page per experiment (what was measured, the {@link dev.net2net.bench.report.Machine},
 * the exact command, seeds and data, then tables and figures and the total run time), built from
 * {@link dev.net2net.bench.report.Markdown} tables and headless PNG {@link
 * dev.net2net.bench.report.Charts}. Recording the machine and the command beside every figure is
 * what makes a result reproducible and comparable. The package depends on nothing else in the
 * project; the experiments and {@code Bench} write through it.
 */
package dev.net2net.bench.report;
