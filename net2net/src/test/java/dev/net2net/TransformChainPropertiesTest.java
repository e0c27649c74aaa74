package dev.net2net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.deepen.BatchNormMode;
import dev.net2net.deepen.DeepenRequest;
import dev.net2net.deepen.Net2DeeperNet;
import dev.net2net.model.LayerKinds;
import dev.net2net.model.LayerRef;
import dev.net2net.testing.NetSpec;
import dev.net2net.testing.Probes;
import dev.net2net.verify.Preservation;
import dev.net2net.widen.Net2WiderNet;
import dev.net2net.widen.Noise;
import dev.net2net.widen.WidenRequest;
import dev.net2net.widen.Width;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ten random transforms in a row (widen with and without zero-sum noise, deepen with and without
 * batch normalization) keep the original function within 1e-4: each step's rounding (about 1e-7)
 * adds up, and nothing else may.
 */
class TransformChainPropertiesTest {

  @Property(tries = 12)
  void tenTransformsInARowStayWithinTolerance(
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed) {
    Random r = new Random(seed);
    NetSpec spec = NetSpec.generate(seed, r.nextBoolean());
    MultiLayerNetwork original = spec.build();
    INDArray fashion = Probes.fashion(r.nextInt(9_900), 48);
    MultiLayerNetwork current = original;
    List<String> steps = new ArrayList<>();
    int applied = 0;
    for (int attempt = 0; applied < 10 && attempt < 100; attempt++) {
      List<String> hidden = new ArrayList<>();
      for (int i = 0; i < current.getnLayers() - 1; i++) {
        hidden.add(current.getLayer(i).conf().getLayer().getLayerName());
      }
      String layer = hidden.get(r.nextInt(hidden.size()));
      try {
        if (r.nextBoolean()) {
          Layer conf = current.getLayer(indexOf(current, layer)).conf().getLayer();
          if (!LayerKinds.isWidenable(conf)) {
            continue;
          }
          Noise noise = r.nextBoolean() ? Noise.none() : Noise.zeroSum(0.05);
          current =
              Net2WiderNet.widen(
                      current,
                      new WidenRequest(
                          LayerRef.named(layer),
                          Width.factor(1.5),
                          noise,
                          r.nextLong(),
                          dev.net2net.continuation.Continuation.unchanged()))
                  .student();
          steps.add("widen " + layer + " " + noise);
        } else {
          BatchNormMode mode = r.nextBoolean() ? BatchNormMode.NONE : BatchNormMode.IDENTITY;
          current =
              Net2DeeperNet.deepen(current, DeepenRequest.after(layer).withBatchNorm(mode), fashion)
                  .student();
          steps.add("deepen " + layer + " " + mode);
        }
        applied++;
      } catch (TransformException refused) {
        // Not every layer accepts every transform (a tanh layer cannot be deepened); try another.
      }
    }
    assertThat(applied).as("transforms applied to %s", spec).isEqualTo(10);
    assertThat(Preservation.measure(original, current, fashion).maxAbsDifference())
        .as("%s after %s", spec, steps)
        .isLessThanOrEqualTo(1e-4);
  }

  private static int indexOf(MultiLayerNetwork net, String name) {
    for (int i = 0; i < net.getnLayers(); i++) {
      if (name.equals(net.getLayer(i).conf().getLayer().getLayerName())) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }
}
