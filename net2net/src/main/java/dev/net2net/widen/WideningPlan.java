package dev.net2net.widen;

import dev.net2net.surgery.SurgeryPlan;
import java.util.Collection;
import java.util.List;

/**
 * A planned widening: the surgery, the requested layer, every layer widened with it (the layers
 * that share a residual sum with it), and the width before and after.
 */
public record WideningPlan(
    SurgeryPlan surgery, String target, List<String> widened, int oldWidth, int newWidth) {
  public WideningPlan(
      SurgeryPlan surgery, String target, Collection<String> widened, int oldWidth, int newWidth) {
    this(surgery, target, List.copyOf(widened), oldWidth, newWidth);
  }

  public WideningPlan {
    widened = List.copyOf(widened);
  }
}
