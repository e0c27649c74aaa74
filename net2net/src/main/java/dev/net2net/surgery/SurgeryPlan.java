package dev.net2net.surgery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything a transform changes, planned on the teacher's topology before anything is built: layer
 * sizes, preprocessors, parameter edits, inserted layers. {@link Surgeon} carries it out.
 */
public final class SurgeryPlan {

  /**
   * A new layer (named, configured, sizes set) and how its parameters start, by key.
   *
   * @param initial the values (or patterns, such as an identity) the new layer starts with
   * @param freshWhereNotGiven if true, parameters not in {@code initial} get DL4J's own random
   *     initialisation for the layer (its weight initialisation, seeded by the configuration), as
   *     the inner layer of a residual block needs; if false, every parameter must be given
   */
  public record NewLayer(Layer layer, Map<String, Initial> initial, boolean freshWhereNotGiven) {
    public NewLayer {
      Objects.requireNonNull(layer, "layer");
      Objects.requireNonNull(layer.getLayerName(), "a new layer needs a name");
      initial = Collections.unmodifiableMap(new LinkedHashMap<>(initial));
    }

    /** A new layer whose every parameter is given as values. */
    public NewLayer(Layer layer, Map<String, INDArray> params) {
      this(layer, Initial.given(params), false);
    }

    /** A new layer whose every parameter is given, as values or patterns. */
    public static NewLayer starting(Layer layer, Map<String, Initial> initial) {
      return new NewLayer(layer, initial, false);
    }

    /**
     * A new layer that starts with the given parameters and DL4J's own initialisation for the
     * others.
     */
    public static NewLayer freshExcept(Layer layer, Map<String, INDArray> params) {
      return new NewLayer(layer, Initial.given(params), true);
    }

    public String name() {
      return layer.getLayerName();
    }
  }

  /**
   * A residual block on what {@code after} produces: a branch of new layers reading it, and an
   * element-wise sum named {@code sum} of {@code after} and the branch's last layer. Everything
   * that read {@code after} reads the sum instead. With a last layer that outputs zero, the sum is
   * exactly what {@code after} produced.
   */
  public record Residual(String after, List<NewLayer> branch, String sum) {
    public Residual {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(sum, "sum");
      branch = List.copyOf(branch);
      if (branch.isEmpty()) {
        throw new IllegalArgumentException(
            "a residual block needs at least one layer in its branch");
      }
    }
  }

  /** A chain of new layers reading what {@code after} produces. */
  public record Insertion(String after, List<NewLayer> chain) {
    public Insertion {
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("an insertion needs at least one layer");
      }
    }
  }

  private final Map<String, Long> nIn = new LinkedHashMap<>();
  private final Map<String, Long> nOut = new LinkedHashMap<>();
  private final Map<String, long[]> inputShapes = new LinkedHashMap<>();
  private final Map<String, InputPreProcessor> preprocessors = new LinkedHashMap<>();
  private final Map<ParamRef, List<ParamEdit>> edits = new LinkedHashMap<>();
  private final List<Insertion> insertions = new ArrayList<>();
  private final List<Residual> residuals = new ArrayList<>();
  private final Map<String, String> roles = new LinkedHashMap<>();

  public SurgeryPlan setNIn(String layer, long n) {
    nIn.put(layer, n);
    return this;
  }

  public SurgeryPlan setNOut(String layer, long n) {
    nOut.put(layer, n);
    return this;
  }

  /**
   * The input shape (without the examples) a {@code PReLULayer} declares, which sizes its slopes.
   */
  public SurgeryPlan setInputShape(String layer, long[] shape) {
    inputShapes.put(layer, shape.clone());
    return this;
  }

  public Map<String, long[]> inputShapes() {
    Map<String, long[]> copy = new LinkedHashMap<>();
    inputShapes.forEach((k, v) -> copy.put(k, v.clone()));
    return Collections.unmodifiableMap(copy);
  }

  public SurgeryPlan replacePreprocessor(String owner, InputPreProcessor preprocessor) {
    preprocessors.put(owner, preprocessor);
    return this;
  }

  public SurgeryPlan edit(String layer, String key, ParamEdit edit) {
    edits.computeIfAbsent(new ParamRef(layer, key), k -> new ArrayList<>()).add(edit);
    return this;
  }

  public SurgeryPlan insert(Insertion insertion) {
    insertions.add(insertion);
    insertion.chain().forEach(l -> roles.put(l.name(), "inserted"));
    return this;
  }

  public SurgeryPlan insertResidual(Residual residual) {
    residuals.add(residual);
    residual.branch().forEach(l -> roles.put(l.name(), "inserted"));
    return this;
  }

  /**
   * Records what happened to a layer, for the report; the first role given wins over later ones.
   */
  public SurgeryPlan role(String layer, String role) {
    roles.merge(layer, role, (old, added) -> old.contains(added) ? old : old + "+" + added);
    return this;
  }

  public Map<String, Long> nIn() {
    return Collections.unmodifiableMap(nIn);
  }

  public Map<String, Long> nOut() {
    return Collections.unmodifiableMap(nOut);
  }

  public Map<String, InputPreProcessor> preprocessors() {
    return Collections.unmodifiableMap(preprocessors);
  }

  public List<ParamEdit> edits(ParamRef ref) {
    return edits.getOrDefault(ref, List.of());
  }

  public List<Insertion> insertions() {
    return Collections.unmodifiableList(insertions);
  }

  public List<Residual> residuals() {
    return Collections.unmodifiableList(residuals);
  }

  public Map<String, String> roles() {
    return Collections.unmodifiableMap(roles);
  }
}
