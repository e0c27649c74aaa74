/**
 * The commands that apply the transform library to saved DL4J model zips: {@code net2net widen},
 * {@code deepen}, {@code verify} (the measured output difference between two models on real inputs)
 * and {@code towers} ({@code list}, {@code widen}, {@code deepen}: the whole-model operations on
 * Inception-style graphs). {@code TransformRunner} is the one sequence every transform command
 * follows (load, transform, measure, save, report), and {@code TransformOptions} and {@code
 * NoiseOptions} are the options they share. Model files, probe inputs and JSON reports come from
 * {@code dev.net2net.io}; the transforms from {@code widen}, {@code deepen}, {@code towers} and
 * {@code verify} of the {@code net2net} module. It needs neither a database nor a daemon.
 */
package dev.net2net.cli.transform;
