package dev.net2net.surgery;

import dev.net2net.TransformException;
import dev.net2net.model.ModelHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaBelief;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Reads and writes a network's optimizer state per parameter.
 *
 * <p>DL4J keeps the state of all parameters that share an updater configuration in one block; a
 * block of P parameters holds its state components (Adam: m then v) one after the other, each P
 * long and laid out like the flattened parameters. A parameter's slice of a component, reshaped in
 * the parameter's own order, is therefore shaped like the parameter.
 */
public final class UpdaterStates {
  private UpdaterStates() {}

  /**
   * The state of one parameter: its updater and one array per state component, shaped like the
   * parameter.
   */
  public record State(IUpdater updater, List<INDArray> components) {
    public State {
      components = List.copyOf(components);
    }
  }

  /**
   * How each state component of an updater scales with the gradient (see {@link
   * ParamEdit#applyToState}).
   */
  public static int[] momentOrders(IUpdater updater) {
    if (updater instanceof Sgd || updater instanceof NoOp) {
      return new int[0];
    }
    if (updater instanceof Adam || updater instanceof Nadam || updater instanceof AdaBelief) {
      return new int[] {1, 2};
    }
    if (updater instanceof AMSGrad) {
      return new int[] {1, 2, 2};
    }
    if (updater instanceof AdaMax) {
      // u is a running maximum of |g|: it scales like the gradient itself.
      return new int[] {1, 1};
    }
    if (updater instanceof Nesterovs) {
      return new int[] {1};
    }
    if (updater instanceof RmsProp || updater instanceof AdaGrad) {
      return new int[] {2};
    }
    if (updater instanceof AdaDelta) {
      // msdx tracks squared updates, which AdaDelta makes independent of the gradient's scale.
      return new int[] {2, 0};
    }
    throw new TransformException(
        "cannot carry the optimizer state of "
            + updater.getClass().getSimpleName()
            + " across a transform; use optimizer state RESET");
  }

  /** Every parameter's state, or an empty map if the network has no updater yet. */
  public static Map<ParamRef, State> read(ModelHandle model) {
    Optional<Updater> updater = model.existingUpdater();
    Map<ParamRef, State> states = new LinkedHashMap<>();
    if (updater.isEmpty()) {
      return states;
    }
    forEachParam(
        model,
        updater.get(),
        (ref, iUpdater, param, slices) -> {
          List<INDArray> copies = new ArrayList<>();
          for (INDArray slice : slices) {
            // A flat slice in the parameter's order, read back into the parameter's shape.
            copies.add(slice.dup().reshape(param.ordering(), param.shape()));
          }
          states.put(ref, new State(iUpdater, copies));
        });
    return states;
  }

  /**
   * Writes state into the network's updater (creating it if needed); parameters not named keep
   * zeros.
   */
  public static void write(ModelHandle model, Map<ParamRef, List<INDArray>> states) {
    Updater updater = model.updater();
    forEachParam(
        model,
        updater,
        (ref, iUpdater, param, slices) -> {
          List<INDArray> values = states.get(ref);
          if (values == null) {
            return;
          }
          if (values.size() != slices.size()) {
            throw new IllegalStateException(
                ref
                    + ": "
                    + values.size()
                    + " state components for an updater with "
                    + slices.size());
          }
          for (int k = 0; k < slices.size(); k++) {
            INDArray value = values.get(k);
            if (!java.util.Arrays.equals(value.shape(), param.shape())) {
              throw new IllegalStateException(
                  ref
                      + ": state shaped "
                      + java.util.Arrays.toString(value.shape())
                      + " for a parameter shaped "
                      + java.util.Arrays.toString(param.shape()));
            }
            // Flatten in the parameter's order and write through the flat view, which is never a
            // copy.
            slices
                .get(k)
                .assign(
                    value
                        .dup(param.ordering())
                        .reshape(param.ordering(), new long[] {value.length()}));
          }
        });
  }

  /**
   * Every parameter's state as views of the network's updater state, shaped like the parameter:
   * nothing is copied, so they are to be read before the network trains again, never written. Empty
   * if the network has no updater.
   */
  public static Map<ParamRef, State> views(ModelHandle model) {
    Optional<Updater> updater = model.existingUpdater();
    Map<ParamRef, State> states = new LinkedHashMap<>();
    updater.ifPresent(
        u ->
            forEachParam(
                model,
                u,
                (ref, iUpdater, param, slices) ->
                    states.put(ref, new State(iUpdater, shapedLike(param, slices)))));
    return states;
  }

  /**
   * Writes one parameter's state components, each shaped like the parameter; false if it has none
   * to give.
   */
  public interface StateSource {
    boolean write(ParamRef ref, IUpdater updater, List<INDArray> components);
  }

  /**
   * Gives {@code model} a new updater whose state array is allocated here and written once: by
   * {@code source} for the parameters it knows, with the updater's own initial state (zeros for
   * Adam's moments, epsilon for AdaGrad's sum) for the others. No state is initialised and then
   * overwritten.
   */
  public static void create(ModelHandle model, StateSource source) {
    long size = 0;
    for (String layer : model.layerNames()) {
      Layer conf = model.layerConfiguration(layer).getLayer();
      for (Map.Entry<String, INDArray> p : model.params(layer).entrySet()) {
        size += conf.getUpdaterByParam(p.getKey()).stateSize(p.getValue().length());
      }
    }
    DataType type = model.model().params().dataType();
    // DL4J's own updater allocates the same array (a vector of the summed state sizes) when given
    // none.
    INDArray state =
        size == 0 ? null : Nd4j.createUninitialized(type, new long[] {size}, Nd4j.order());
    Updater updater = model.installUpdater(state);
    forEachParam(
        model,
        updater,
        (ref, iUpdater, param, slices) -> {
          List<INDArray> components = shapedLike(param, slices);
          if (!components.isEmpty() && !source.write(ref, iUpdater, components)) {
            writeInitialState(iUpdater, components, type);
          }
        });
  }

  /**
   * The updater's initial state for one parameter, as DL4J initialises a block holding only that
   * parameter.
   */
  private static void writeInitialState(
      IUpdater updater, List<INDArray> components, DataType type) {
    long length = components.get(0).length();
    INDArray scratch =
        Nd4j.createUninitialized(type, new long[] {1, updater.stateSize(length)}, Nd4j.order());
    updater.instantiate(scratch, true);
    INDArray flat = scratch.reshape(scratch.length());
    for (int k = 0; k < components.size(); k++) {
      INDArray component = components.get(k);
      component.assign(
          flat.get(NDArrayIndex.interval(k * length, (k + 1) * length))
              .reshape(component.ordering(), component.shape()));
    }
  }

  /**
   * Flat slices in the parameter's element order, reshaped in that order: views, since the slices
   * are contiguous.
   */
  private static List<INDArray> shapedLike(INDArray param, List<INDArray> slices) {
    List<INDArray> shaped = new ArrayList<>();
    for (INDArray slice : slices) {
      shaped.add(slice.reshape(param.ordering(), param.shape()));
    }
    return shaped;
  }

  private interface ParamVisitor {
    /** {@code flatSlices}: one view per state component, flat, in the parameter's element order. */
    void visit(ParamRef ref, IUpdater updater, INDArray param, List<INDArray> flatSlices);
  }

  private static void forEachParam(ModelHandle model, Updater updater, ParamVisitor visitor) {
    if (!(updater instanceof BaseMultiLayerUpdater<?> base)) {
      throw new IllegalStateException("unexpected updater " + updater.getClass().getName());
    }
    for (UpdaterBlock block : base.getUpdaterBlocks()) {
      INDArray view = block.getUpdaterView();
      long blockParams = block.getParamOffsetEnd() - block.getParamOffsetStart();
      if (view == null || blockParams == 0) {
        continue;
      }
      INDArray flat = view.reshape(view.length());
      long components = flat.length() / blockParams;
      for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
        String layer = ps.getLayer().getConfig().getLayerName();
        ParamRef ref = new ParamRef(layer, ps.getParamName());
        INDArray param = model.params(layer).get(ps.getParamName());
        long offset = ps.getParamOffsetStart() - block.getParamOffsetStart();
        long length = ps.getParamOffsetEnd() - ps.getParamOffsetStart();
        List<INDArray> slices = new ArrayList<>();
        for (long k = 0; k < components; k++) {
          long start = k * blockParams + offset;
          slices.add(flat.get(NDArrayIndex.interval(start, start + length)));
        }
        IUpdater iUpdater = ps.getLayer().getConfig().getUpdaterByParam(ps.getParamName());
        visitor.visit(ref, iUpdater, param, slices);
      }
    }
  }
}
