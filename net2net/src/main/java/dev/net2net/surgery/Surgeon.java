package dev.net2net.surgery;

import dev.net2net.model.ConfigurationEditor;
import dev.net2net.model.ModelHandle;
import dev.net2net.report.LayerChange;
import dev.net2net.report.Shape;
import dev.net2net.continuation.Continuation;
import dev.net2net.continuation.LearningRates;
import dev.net2net.continuation.OptimizerState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds a student from a teacher and a {@link SurgeryPlan}: a new configuration, a new network,
 * every parameter copied through its edits, and the optimizer state carried or reset. The teacher is
 * only read.
 */
public final class Surgeon {
  private Surgeon() {}

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
    plan.inputShapes().forEach((layer, shape) -> {
      if (!(editor.layer(layer) instanceof PReLULayer prelu)) {
        throw new IllegalStateException(layer + " declares no input shape");
      }
      prelu.setInputShape(shape);
    });
    plan.preprocessors().forEach(editor::replacePreprocessor);
    for (SurgeryPlan.Insertion insertion : plan.insertions()) {
      editor.insertAfter(insertion.after(), insertion.chain().stream().map(SurgeryPlan.NewLayer::layer).toList());
    }
    for (SurgeryPlan.Residual residual : plan.residuals()) {
      editor.insertResidual(residual.after(), residual.branch().stream().map(SurgeryPlan.NewLayer::layer).toList(),
          residual.sum());
    }
    LearningRates.freezeScaled(editor.layers(), continuation.learningRateScale(),
        teacher.iterationCount(), teacher.epochCount());
    boolean carry = continuation.optimizerState() == OptimizerState.CARRY;
    editor.setCounters(carry ? teacher.iterationCount() : 0, 0);

    ModelHandle student = editor.build();
    Map<String, SurgeryPlan.NewLayer> inserted = new LinkedHashMap<>();
    plan.insertions().forEach(i -> i.chain().forEach(l -> inserted.put(l.name(), l)));
    plan.residuals().forEach(r -> r.branch().forEach(l -> inserted.put(l.name(), l)));

    for (String layer : student.layerNames()) {
      Map<String, INDArray> target = student.params(layer);
      if (inserted.containsKey(layer)) {
        SurgeryPlan.NewLayer added = inserted.get(layer);
        for (Map.Entry<String, INDArray> p : target.entrySet()) {
          INDArray value = added.params().get(p.getKey());
          if (value != null) {
            assign(layer, p.getKey(), p.getValue(), value);
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
          throw new IllegalStateException("the teacher has no parameter " + layer + "/" + p.getKey());
        }
        for (ParamEdit edit : plan.edits(new ParamRef(layer, p.getKey()))) {
          value = edit.apply(value);
        }
        assign(layer, p.getKey(), p.getValue(), value);
      }
    }

    if (carry) {
      carryOptimizerState(teacher, student, plan);
    }
    return new Result(student, changes(teacher, student, plan));
  }

  private static void carryOptimizerState(ModelHandle teacher, ModelHandle student, SurgeryPlan plan) {
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
      throw new IllegalStateException(layer + "/" + key + ": planned " + Arrays.toString(value.shape())
          + " but the student's parameter is " + Arrays.toString(target.shape()));
    }
    target.assign(value);
  }

  private static FeedForwardLayer feedForward(Layer layer) {
    if (layer instanceof FeedForwardLayer ff) {
      return ff;
    }
    throw new IllegalStateException(layer.getLayerName() + " has no nIn/nOut");
  }

  private static List<LayerChange> changes(ModelHandle teacher, ModelHandle student, SurgeryPlan plan) {
    List<LayerChange> changes = new ArrayList<>();
    for (String layer : student.layerNames()) {
      String role = plan.roles().get(layer);
      if (role == null) {
        continue;
      }
      Map<String, Shape> before = teacher.topology().contains(layer) && !role.equals("inserted")
          ? shapes(teacher.params(layer))
          : Map.of();
      Layer conf = student.topology().layer(layer).layer();
      changes.add(new LayerChange(layer, conf.getClass().getSimpleName(), role, before, shapes(student.params(layer))));
    }
    return changes;
  }

  private static Map<String, Shape> shapes(Map<String, INDArray> params) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    params.forEach((k, v) -> shapes.put(k, Shape.of(v.shape())));
    return shapes;
  }
}
