package dev.net2net.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class ComputeSettingsTest {

  /** /proc/cpuinfo lines of {@code sockets} x {@code cores} cores with {@code threads} each. */
  private static List<String> cpuinfo(int sockets, int cores, int threads) {
    List<String> lines = new ArrayList<>();
    int processor = 0;
    for (int s = 0; s < sockets; s++) {
      for (int c = 0; c < cores; c++) {
        for (int t = 0; t < threads; t++) {
          lines.add("processor\t: " + processor++);
          lines.add("physical id\t: " + s);
          lines.add("core id\t\t: " + c);
          lines.add("");
        }
      }
    }
    return lines;
  }

  @Test
  void physicalCoresCountCoresNotHyperthreads() {
    assertThat(ComputeSettings.physicalCores(cpuinfo(1, 2, 1), 2)).isEqualTo(2);
    assertThat(ComputeSettings.physicalCores(cpuinfo(1, 4, 2), 8)).isEqualTo(4);
    // Core ids repeat across sockets: two sockets of four cores are eight cores.
    assertThat(ComputeSettings.physicalCores(cpuinfo(2, 4, 2), 16)).isEqualTo(8);
  }

  @Test
  void physicalCoresNeverExceedWhatTheJvmMayUseAndFallBackToIt() {
    // A container limited to 2 processors on a 16-core host.
    assertThat(ComputeSettings.physicalCores(cpuinfo(1, 16, 2), 2)).isEqualTo(2);
    // No core ids (some virtual machines, other architectures): the JVM's count.
    assertThat(ComputeSettings.physicalCores(List.of("processor\t: 0", "processor\t: 1"), 3))
        .isEqualTo(3);
  }

  @Test
  void theMachinesSettingsUseTheHelpersAndAtLeastOneThread() {
    ComputeSettings machine = ComputeSettings.forMachine();
    assertThat(machine.threads()).isBetween(1, Runtime.getRuntime().availableProcessors());
    assertThat(machine.helpers()).isTrue();
    assertThatThrownBy(() -> new ComputeSettings(0, true))
        .hasMessageContaining("threads must be at least 1, got 0");
  }

  @Test
  void applyingSetsNd4jOpenBlasAndDl4jsHelperSwitch() {
    ComputeSettings before = ComputeSettings.current();
    try {
      new ComputeSettings(1, false).apply();
      assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
      assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
      assertThat(System.getProperty(ComputeSettings.HELPERS_DISABLED_PROPERTY)).isEqualTo("true");
      assertThat(ComputeSettings.current()).isEqualTo(new ComputeSettings(1, false));
      new ComputeSettings(1, true).apply();
      assertThat(System.getProperty(ComputeSettings.HELPERS_DISABLED_PROPERTY)).isEqualTo("false");
      assertThat(ComputeSettings.current().helpers()).isTrue();
    } finally {
      before.apply();
    }
  }

  @Test
  void theStandInAnswersDl4jsOneDnnQuestionFromTheLoadedBuild() {
    // The CPU build the project depends on is the one with oneDNN (nd4j.backend.classifier).
    assertThat(org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN()).isTrue();
  }

  @Test
  void trainingTurnsWorkspacesOnForAModelThatHadThemOff() {
    MultiLayerNetwork net =
        dev.net2net.testing.Nets.chain(
            new Sgd(0.1),
            dev.net2net.testing.Nets.flat(),
            new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build());
    net.getLayerWiseConfigurations().setTrainingWorkspaceMode(WorkspaceMode.NONE);
    net.getLayerWiseConfigurations().setInferenceWorkspaceMode(WorkspaceMode.NONE);
    TrainingLoop.useWorkspaces(net);
    assertThat(net.getLayerWiseConfigurations().getTrainingWorkspaceMode())
        .isEqualTo(WorkspaceMode.ENABLED);
    assertThat(net.getLayerWiseConfigurations().getInferenceWorkspaceMode())
        .isEqualTo(WorkspaceMode.ENABLED);
  }
}
