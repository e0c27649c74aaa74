/**
 * A DeepLearning4J network as the transforms see it, the same for a {@code MultiLayerNetwork} and a
 * {@code ComputationGraph}: {@link dev.net2net.model.ModelHandle} for reading parameters, {@link
 * dev.net2net.model.Topology} of {@link dev.net2net.model.Node}s (preprocessors included) in
 * topological order, what each tensor's layout and unit count are, what each layer kind means to a
 * transform ({@link dev.net2net.model.LayerKinds}, matched by exact class), and {@link
 * dev.net2net.model.LayerRef}, a layer named by the user. {@link
 * dev.net2net.model.ConfigurationEditor} is the only place that knows how each kind of
 * configuration is written, and it edits a copy, never the teacher's. This package depends on
 * nothing else in the library but its root package; {@code widen}, {@code deepen}, {@code surgery},
 * {@code towers}, {@code verify} and {@code baseline} plan and operate on it, and model I/O, the
 * training loop, the command line and the daemon use it to name layers and wrap networks.
 */
package dev.net2net.model;
