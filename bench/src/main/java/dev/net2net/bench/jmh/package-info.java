/**
 * JMH benchmarks of the transforms: {@link dev.net2net.bench.jmh.TransformBenchmark} times
 * Net2WiderNet and Net2DeeperNet on MLPs of a given parameter count against the floor of copying
 * every parameter once (the teacher's, and each student's), so a transform's cost is reported as a
 * ratio measured in the same run rather than as a wall time, and with the construction the surgery
 * used before (initialise the whole student, then overwrite it) measured beside it. It calls {@code
 * dev.net2net.widen} and {@code dev.net2net.deepen} directly, without probe inputs, so no
 * preservation measurement is included. The {@code TransformCost} experiment in {@code experiments}
 * runs it and writes its results.
 */
package dev.net2net.bench.jmh;
