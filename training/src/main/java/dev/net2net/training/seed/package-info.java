/**
 * The architecture a model starts as before it has a version: a {@link
 * dev.net2net.training.seed.Seed} is a multilayer perceptron, a mini Inception-BN from {@code
 * dev.net2net.zoo}, or an existing DL4J model zip to import, and {@link
 * dev.net2net.training.seed.SeedModels} builds it for 28x28 images in 10 classes from a random seed
 * (loading imports with {@code dev.net2net.io.ModelFiles}). The daemon's configuration names a seed
 * per model, and its growth worker builds it, trains it if needed and registers it as the model's
 * first version; the benchmarks start their experiments from the same seeds.
 */
package dev.net2net.training.seed;
