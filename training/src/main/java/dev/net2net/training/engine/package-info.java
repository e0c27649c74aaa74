/**
 * Where a model's epochs run. {@link dev.net2net.training.engine.TrainingEngine} is the seam the
 * {@link dev.net2net.training.TrainingLoop} trains through: {@link
 * dev.net2net.training.engine.InProcessEngine} fits mini-batches in this process (the default), and
 * other engines are found on the classpath through {@link
 * dev.net2net.training.engine.TrainingEngineProvider} (the {@code spark} module's trains
 * data-parallel on Apache Spark). {@link dev.net2net.training.engine.EngineChoice} is what a
 * configuration chose; {@link dev.net2net.training.engine.TrainingEngines} opens it, or says
 * precisely why it cannot.
 */
package dev.net2net.training.engine;
