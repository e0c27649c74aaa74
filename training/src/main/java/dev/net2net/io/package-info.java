/**
 * Model files and the data around them: {@link dev.net2net.io.ModelFiles} reads a DeepLearning4J
 * model zip as either kind of network (with a {@link dev.net2net.io.ModelFileException} naming the
 * file for anything else) and writes one so that no reader sees it half-written; {@link
 * dev.net2net.io.ModelInputs} shapes images the way a model's first layer expects them; {@link
 * dev.net2net.io.ProbeData} supplies real Fashion-MNIST inputs to measure a transform on; and
 * {@link dev.net2net.io.ReportJson} renders a transform report as JSON. It joins the transform
 * library ({@code dev.net2net.model}, {@code dev.net2net.report}) to the data plane ({@code
 * dev.net2net.datasets}), which the library itself must not know. The training loop and the seed
 * models use it, as do the command line's transform commands and the daemon's growth worker and
 * evaluator.
 */
package dev.net2net.io;
