package dev.net2net.model;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DeepLearning4J network seen through one interface, whether it is a {@link MultiLayerNetwork} or
 * a {@link ComputationGraph}. The transforms plan on the {@link Topology} and read parameters here;
 * only {@link ConfigurationEditor} knows how each kind of configuration is written.
 */
public sealed interface ModelHandle permits ChainModel, GraphModel {

  static ModelHandle of(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return new ChainModel(net);
    }
    if (model instanceof ComputationGraph graph) {
      return new GraphModel(graph);
    }
    throw new IllegalArgumentException("unsupported model type " + model.getClass().getName());
  }

  Model model();

  Topology topology();

  /**
   * The parameters of one layer by key ({@code W}, {@code b}, {@code gamma}, ...): views, never
   * modify.
   */
  Map<String, INDArray> params(String layer);

  long numParams();

  /** The outputs in inference mode, one per network output. */
  INDArray[] output(INDArray... inputs);

  /** Every node's activation in inference mode, by layer or vertex name. */
  Map<String, INDArray> activations(INDArray... inputs);

  /** The updater, created if the network has none yet. */
  Updater updater();

  /** The updater if one exists (a network that was never trained may have none). */
  java.util.Optional<Updater> existingUpdater();

  /**
   * Installs a new updater over {@code state}, a flat array of the updater's state size that the
   * caller fills: DL4J does not initialise a state array it is given. A null state lets DL4J create
   * and initialise its own (for updaters without state).
   */
  Updater installUpdater(INDArray state);

  /** The configuration one layer was built from (its settings, seed and parameter initializer). */
  NeuralNetConfiguration layerConfiguration(String layer);

  int iterationCount();

  int epochCount();

  /** A deep copy of the configuration, ready to edit into a student's. */
  ConfigurationEditor editConfiguration();

  /** The network's input count, for building probe inputs. */
  int inputCount();

  /** Layer names in parameter order. */
  default List<String> layerNames() {
    return topology().layers().stream().map(Node.LayerNode::id).toList();
  }
}
