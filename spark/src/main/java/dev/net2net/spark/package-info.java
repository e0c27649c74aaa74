/**
 * The training engine {@code spark}: one candidate trained data-parallel on Apache Spark 3.5 with
 * DeepLearning4J's Spark integration (dl4j-spark 1.0.0-M2, its parameter averaging), on the
 * project's DeepLearning4J 1.0.0-M2.1 and Java 17. {@link dev.net2net.spark.SparkEngineProvider}
 * registers it with the training module's {@link dev.net2net.training.engine.TrainingEngines}
 * (ServiceLoader), so the daemon trains on it when a model's configuration says {@code training:
 * {engine: spark}} and this module is on the classpath, without depending on it. {@link
 * dev.net2net.spark.SparkSettings} checks the configuration, {@link dev.net2net.spark.SparkEngine}
 * trains, {@link dev.net2net.spark.SparkBench} measures.
 */
package dev.net2net.spark;
