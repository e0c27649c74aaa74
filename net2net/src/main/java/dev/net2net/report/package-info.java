/**
 * What a transform did, as plain values: {@link dev.net2net.report.TransformReport} (kind, target,
 * settings, parameter counts), a {@link dev.net2net.report.LayerChange} with parameter {@link
 * dev.net2net.report.Shape}s before and after for every layer touched, and the measured {@link
 * dev.net2net.report.OutputDifference} between teacher and student, a maximum absolute difference
 * so that errors cannot cancel. It depends on nothing else in the project. Every transform package
 * and {@code verify} produce these records; model I/O ({@code dev.net2net.io}) turns them into
 * JSON, which the command line prints and the daemon's growth worker stores in the registry with
 * each new version.
 */
package dev.net2net.report;
