/**
 * Small reference architectures for 28x28 grey images, built from code with a seed: {@link
 * dev.net2net.zoo.MiniInception}, the paper's Inception-BN in miniature with a width multiplier,
 * and {@link dev.net2net.zoo.SmallResNet}, whose residual blocks all write to one stream. Their
 * vertex names follow a fixed scheme ({@code m1_t3_conv2}, {@code b1_add}) so that transforms can
 * be pointed at them by name. The package depends only on DeepLearning4J; the training module's
 * seed models and the benchmarks build on it, and the transform tests use it as the graphs to grow.
 */
package dev.net2net.zoo;
