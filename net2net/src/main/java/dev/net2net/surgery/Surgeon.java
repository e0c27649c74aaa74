package dev.net2net.surgery;

import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.LearningRates;
import dev.net2net.continuation.OptimizerState;
import dev.net2net.model.ConfigurationEditor;
import dev.net2net.model.ModelHandle;
import dev.net2net.report.LayerChange;
import dev.net2net.report.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds a student from a teacher and a {@link SurgeryPlan}: a new configuration, a new network,
 * every parameter copied through its edits, and the optimizer state carried or reset. The teacher
 * is only read.
 *
 * <p>The student's flat parameter array is allocated uninitialised: DL4J's {@code init(params,
 * false)} carves each layer's parameter views out of it (layer by layer in the network's order, key
 * by key in the layer's parameter initializer's order, each view in that parameter's own {@code c}
 * or {@code f} order) without drawing any weights, and every view is then written exactly once,
 * straight from the teacher's parameter through its edits ({@link ParamEdit#applyInto}), from an
 * inserted layer's {@link Initial} values, or, only for parameters meant to be random, from DL4J's
 * initialisation of that one layer ({@link FreshValues}). Writing through DL4J's own views keeps
 * the layout DL4J's, whatever the layer. The optimizer state is built the same way ({@link
 * UpdaterStates#create}).
 */
public final class Surgeon {
  private Surgeon() {}

  /**
   * How a student is constructed. Both give the same parameters and optimizer state, bit for bit.
   */
  public enum Construction {
    /** The student's arrays written once, from the teacher through the plan. */
    DIRECT,
    /**
     * What this class did before: {@code init()} draws random weights for every parameter and
     * initialises the whole optimizer state, and both are then overwritten (kept to measure
     * against).
     */
    INITIALISE_THEN_OVERWRITE
  }

  private static final ThreadLocal<Construction> CONSTRUCTION =
      ThreadLocal.withInitial(() -> Construction.DIRECT);

  /**
   * Runs {@code work} with every student built on this thread constructed as given, then restores
   * the previous construction: for benchmarks that measure one construction against the other.
   */
  public static <T> T constructing(Construction construction, Supplier<T> work) {
    Construction previous = CONSTRUCTION.get();
    CONSTRUCTION.set(Objects.requireNonNull(construction, "construction"));
    try {
      return work.get();
    } finally {
      CONSTRUCTION.set(previous);
    }
  }

  /** The student and what changed, layer by layer. */
  public record Result(ModelHandle student, List<LayerChange> changes) {
    public Result {
      changes = List.copyOf(changes);
    }
  }

  public static Result operate(ModelHandle teacher, SurgeryPlan plan, Continuation continuation) {
    ConfigurationEditor editor = teacher.editConfiguration();
    plan.nIn().forEach((layer, n) -> feedForward(editor.layer(layer)).setNIn(n));
    plan.nOut().forEach((layer, n) -> feedForward(editor.layer(layer)).setNOut(n));
    plan.inputShapes()
        .forEach(
            (layer, shape) -> {
              if (!(editor.layer(layer) instanceof PReLULayer prelu)) {
                throw new IllegalStateException(layer + " declares no input shape");
              }
              prelu.setInputShape(shape);
            });
    plan.preprocessors().forEach(editor::replacePreprocessor);
    for (SurgeryPlan.Insertion insertion : plan.insertions()) {
      editor.insertAfter(
          insertion.after(), insertion.chain().stream().map(SurgeryPlan.NewLayer::layer).toList());
    }
    for (SurgeryPlan.Residual residual : plan.residuals()) {
      editor.insertResidual(
          residual.after(),
          residual.branch().stream().map(SurgeryPlan.NewLayer::layer).toList(),
          residual.sum());
    }
    LearningRates.freezeScaled(
        editor.layers(),
        continuation.learningRateScale(),
        teacher.iterationCount(),
        teacher.epochCount());
    boolean carry = continuation.optimizerState() == OptimizerState.CARRY;
    editor.setCounters(carry ? teacher.iterationCount() : 0, 0);

    ModelHandle student =
        CONSTRUCTION.get() == Construction.DIRECT
            ? construct(teacher, editor, plan, carry)
            : initialiseThenOverwrite(teacher, editor, plan, carry);
    return new Result(student, changes(teacher, student, plan));
  }

  // ---- direct construction

  private static ModelHandle construct(
      ModelHandle teacher, ConfigurationEditor editor, SurgeryPlan plan, boolean carry) {
    ModelHandle student = editor.buildUninitialised();
    Map<String, SurgeryPlan.NewLayer> inserted = inserted(plan);
    if (!viewsCoverEveryParameter(student)) {
      // A layer keeps values outside its parameter table; nothing would write them, so they start
      // at zero.
      student.model().params().assign(0);
    }
    boolean seeded = false;
    for (String layer : student.layerNames()) {
      Map<String, INDArray> target = student.params(layer);
      SurgeryPlan.NewLayer added = inserted.get(layer);
      if (added == null) {
        Map<String, INDArray> source = teacher.params(layer);
        for (Map.Entry<String, INDArray> p : target.entrySet()) {
          ParamRef ref = new ParamRef(layer, p.getKey());
          INDArray value = source.get(p.getKey());
          if (value == null) {
            throw new IllegalStateException("the teacher has no parameter " + ref);
          }
          write(ref, value, plan.edits(ref), p.getValue(), ParamEdit::apply, ParamEdit::applyInto);
        }
        continue;
      }
      Map<String, INDArray> fresh = null;
      for (Map.Entry<String, INDArray> p : target.entrySet()) {
        Initial initial = added.initial().get(p.getKey());
        if (initial != null) {
          initial.writeInto(layer + "/" + p.getKey(), p.getValue());
        } else if (added.freshWhereNotGiven()) {
          if (fresh == null) {
            if (!seeded) {
              FreshValues.seed(student.layerConfiguration(layer).getSeed());
              seeded = true;
            }
            fresh = FreshValues.draw(student, layer);
          }
          assign(layer, p.getKey(), p.getValue(), fresh.get(p.getKey()));
        } else {
          throw new IllegalStateException("no initial value for " + layer + "/" + p.getKey());
        }
      }
    }
    if (carry) {
      carryOptimizerState(teacher, student, plan);
    }
    return student;
  }

  private static boolean viewsCoverEveryParameter(ModelHandle student) {
    long covered = 0;
    for (String layer : student.layerNames()) {
      for (INDArray p : student.params(layer).values()) {
        covered += p.length();
      }
    }
    return covered == student.numParams();
  }

  private static void carryOptimizerState(
      ModelHandle teacher, ModelHandle student, SurgeryPlan plan) {
    Map<ParamRef, UpdaterStates.State> states = UpdaterStates.views(teacher);
    if (states.isEmpty()) {
      // The teacher has no optimizer state to carry; the student creates its own, fresh, when it
      // first trains.
      return;
    }
    UpdaterStates.create(
        student,
        (ref, updater, targets) -> {
          UpdaterStates.State state = states.get(ref);
          if (state == null) {
            return false;
          }
          int[] orders = UpdaterStates.momentOrders(state.updater());
          if (state.components().size() != targets.size() || orders.length != targets.size()) {
            throw new IllegalStateException(
                ref
                    + ": "
                    + state.components().size()
                    + " state components for an updater"
                    + " with "
                    + targets.size());
          }
          for (int k = 0; k < targets.size(); k++) {
            int order = orders[k];
            write(
                ref,
                state.components().get(k),
                plan.edits(ref),
                targets.get(k),
                (edit, value) -> edit.applyToState(value, order),
                (edit, value, into) -> edit.applyToStateInto(value, order, into));
          }
          return true;
        });
  }

  private interface Apply {
    INDArray apply(ParamEdit edit, INDArray value);
  }

  private interface ApplyInto {
    boolean applyInto(ParamEdit edit, INDArray value, INDArray target);
  }

  /**
   * {@code value} through every edit into {@code target}, the last edit writing straight into it
   * when it can.
   */
  private static void write(
      ParamRef ref,
      INDArray value,
      List<ParamEdit> edits,
      INDArray target,
      Apply apply,
      ApplyInto applyInto) {
    int last = edits.size() - 1;
    for (int k = 0; k < last; k++) {
      value = apply.apply(edits.get(k), value);
    }
    if (last >= 0) {
      if (applyInto.applyInto(edits.get(last), value, target)) {
        return;
      }
      value = apply.apply(edits.get(last), value);
    } else if (DirectGather.copy(value, target)) {
      return;
    }
    assign(ref.layer(), ref.key(), target, value);
  }

  private static Map<String, SurgeryPlan.NewLayer> inserted(SurgeryPlan plan) {
    Map<String, SurgeryPlan.NewLayer> inserted = new LinkedHashMap<>();
    plan.insertions().forEach(i -> i.chain().forEach(l -> inserted.put(l.name(), l)));
    plan.residuals().forEach(r -> r.branch().forEach(l -> inserted.put(l.name(), l)));
    return inserted;
  }

  // ---- the construction before: initialise everything, then overwrite

  private static ModelHandle initialiseThenOverwrite(
      ModelHandle teacher, ConfigurationEditor editor, SurgeryPlan plan, boolean carry) {
    ModelHandle student = editor.build();
    Map<String, SurgeryPlan.NewLayer> inserted = inserted(plan);
    for (String layer : student.layerNames()) {
      Map<String, INDArray> target = student.params(layer);
      if (inserted.containsKey(layer)) {
        SurgeryPlan.NewLayer added = inserted.get(layer);
        for (Map.Entry<String, INDArray> p : target.entrySet()) {
          Initial initial = added.initial().get(p.getKey());
          if (initial != null) {
            assign(
                layer,
                p.getKey(),
                p.getValue(),
                initial.values(p.getValue().shape(), p.getValue().dataType()));
          } else if (!added.freshWhereNotGiven()) {
            throw new IllegalStateException("no initial value for " + layer + "/" + p.getKey());
          }
          // else: DL4J's own initialisation of the student stays.
        }
        continue;
      }
      Map<String, INDArray> source = teacher.params(layer);
      for (Map.Entry<String, INDArray> p : target.entrySet()) {
        INDArray value = source.get(p.getKey());
        if (value == null) {
          throw new IllegalStateException(
              "the teacher has no parameter " + layer + "/" + p.getKey());
        }
        for (ParamEdit edit : plan.edits(new ParamRef(layer, p.getKey()))) {
          value = edit.apply(value);
        }
        assign(layer, p.getKey(), p.getValue(), value);
      }
    }
    if (carry) {
      overwriteOptimizerState(teacher, student, plan);
    }
    return student;
  }

  private static void overwriteOptimizerState(
      ModelHandle teacher, ModelHandle student, SurgeryPlan plan) {
    Map<ParamRef, UpdaterStates.State> states = UpdaterStates.read(teacher);
    Map<ParamRef, List<INDArray>> mapped = new LinkedHashMap<>();
    for (Map.Entry<ParamRef, UpdaterStates.State> e : states.entrySet()) {
      int[] orders = UpdaterStates.momentOrders(e.getValue().updater());
      List<INDArray> components = new ArrayList<>();
      for (int k = 0; k < e.getValue().components().size(); k++) {
        INDArray component = e.getValue().components().get(k);
        for (ParamEdit edit : plan.edits(e.getKey())) {
          component = edit.applyToState(component, orders[k]);
        }
        components.add(component);
      }
      mapped.put(e.getKey(), components);
    }
    UpdaterStates.write(student, mapped);
  }

  private static void assign(String layer, String key, INDArray target, INDArray value) {
    if (target.isVector() && value.isVector() && target.length() == value.length()) {
      // Bias-like parameters are [n] or [1, n] depending on the layer; the values are what matter.
      value = value.reshape(target.shape());
    }
    if (!Arrays.equals(target.shape(), value.shape())) {
      throw new IllegalStateException(
          layer
              + "/"
              + key
              + ": planned "
              + Arrays.toString(value.shape())
              + " but the student's parameter is "
              + Arrays.toString(target.shape()));
    }
    target.assign(value);
  }

  private static FeedForwardLayer feedForward(Layer layer) {
    if (layer instanceof FeedForwardLayer ff) {
      return ff;
    }
    throw new IllegalStateException(layer.getLayerName() + " has no nIn/nOut");
  }

  private static List<LayerChange> changes(
      ModelHandle teacher, ModelHandle student, SurgeryPlan plan) {
    List<LayerChange> changes = new ArrayList<>();
    for (String layer : student.layerNames()) {
      String role = plan.roles().get(layer);
      if (role == null) {
        continue;
      }
      Map<String, Shape> before =
          teacher.topology().contains(layer) && !role.equals("inserted")
              ? shapes(teacher.params(layer))
              : Map.of();
      Layer conf = student.topology().layer(layer).layer();
      changes.add(
          new LayerChange(
              layer, conf.getClass().getSimpleName(), role, before, shapes(student.params(layer))));
    }
    return changes;
  }

  private static Map<String, Shape> shapes(Map<String, INDArray> params) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    params.forEach((k, v) -> shapes.put(k, Shape.of(v.shape())));
    return shapes;
  }
}
