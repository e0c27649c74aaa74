package dev.net2net.model;

import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A deep copy of a network's configuration being edited into a student's: layer sizes changed,
 * preprocessors replaced, layers inserted. {@link #build()} makes a new, initialised network; the
 * teacher's configuration is never touched.
 */
public sealed interface ConfigurationEditor
    permits ChainConfigurationEditor, GraphConfigurationEditor {

  /** The copy's configuration of a layer, to be changed in place. */
  Layer layer(String name);

  /** Every layer configuration of the copy, in order. */
  List<Layer> layers();

  /**
   * Replaces the preprocessor held by {@code owner} (a layer, or a preprocessor vertex of a graph).
   */
  void replacePreprocessor(String owner, InputPreProcessor preprocessor);

  /**
   * Inserts a chain of new layers (named and fully configured) that reads what {@code after}
   * produces; everything that read {@code after} reads the last new layer instead.
   */
  void insertAfter(String after, List<Layer> chain);

  /**
   * Inserts a residual block on what {@code after} produces: the {@code branch} (new layers, named
   * and configured) reads it, an element-wise sum named {@code sum} adds it to the branch's last
   * layer, and everything that read {@code after} reads the sum instead.
   *
   * @throws dev.net2net.TransformException if the network cannot express a sum (a chain of layers)
   */
  void insertResidual(String after, List<Layer> branch, String sum);

  /** Sets the iteration and epoch counters, on the network and on every layer's configuration. */
  void setCounters(int iteration, int epoch);

  /** Builds and initialises a new network from the edited configuration. */
  ModelHandle build();

  /**
   * Builds a new network from the edited configuration over a flat parameter array that nothing has
   * written: DL4J's {@code init(params, false)} carves every layer's parameter views out of it and
   * skips the weight initialisation. The caller must write every parameter before the network is
   * used.
   */
  ModelHandle buildUninitialised();
}
