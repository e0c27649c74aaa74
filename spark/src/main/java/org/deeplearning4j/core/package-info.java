/**
 * Stand-ins for the few types of {@code org.deeplearning4j:deeplearning4j-core} that dl4j-spark
 * 1.0.0-M2 links against on the path this module uses (parameter averaging on an RDD of DataSets,
 * {@code RDDTrainingApproach.Direct}): {@code UIDProvider}, which {@code
 * ParameterAveragingTrainingMaster}'s constructor calls, and interfaces its methods name ({@code
 * DataSetLoader}, {@code StatsStorageRouter}, ...), which the JVM's verifier loads. The project's
 * build bans deeplearning4j-core (it brings OpenCV and HDF5 natives), so these eight declarations,
 * written from DeepLearning4J 1.0.0-M2.1's signatures (Apache License 2.0), stand in for it. The
 * paths that would load files with them (exported DataSets, stats listeners) are not used.
 */
package org.deeplearning4j.core;
