package dev.net2net.policies.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.model.Condition;
import dev.net2net.policies.model.ContinuationPlan;
import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.model.LayerSelection;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.PolicyLayer;
import dev.net2net.policies.model.Rule;
import dev.net2net.policies.model.Split;
import dev.net2net.policies.model.WidthChange;
import dev.net2net.policies.validate.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a file's text becomes policies: defaults, overrides, warnings, and all errors at once. */
class PolicyLoaderTest {

  static LoadResult parse(String yaml) {
    return PolicyLoader.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  static final String HEADER =
      """
      apiVersion: net2net.dev/v1
      kind: GrowthPolicy
      metadata: {name: p}
      """;

  @Test
  void absentSectionsTakeTheirDocumentedDefaults() {
    LoadResult result =
        parse(
            HEADER
                + """
        spec:
          model: m
          rules:
            - name: r
              when: {datasetGrowth: {ratio: 1.5}}
              action: {widen: {factor: 2}}
        """);

    GrowthPolicy policy = result.policies().get(0);
    Rule rule = policy.rules().get(0);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(policy.guards().cooldown()).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.guards().maxGrowthsPerDay()).isEqualTo(24);
    assertThat(policy.guards().maxParameters()).isEmpty();
    assertThat(policy.guards().maxConsecutiveFailures()).isEqualTo(3);
    assertThat(rule.holdFor()).isZero();
    assertThat(rule.training().learningRateScale()).isEqualTo(1.0);
    assertThat(rule.training().continuation()).isEqualTo(ContinuationPlan.defaults());
    assertThat(rule.training().epochs()).isEqualTo(5);
    assertThat(rule.training().earlyStopping()).isEmpty();
    assertThat(rule.promotion().metric().name()).isEqualTo("accuracy");
    assertThat(rule.promotion().metric().mode()).isEqualTo(Mode.MAX);
    assertThat(rule.promotion().minImprovement()).isZero();
    assertThat(rule.action())
        .isEqualTo(
            new Action.Widen(
                new LayerSelection.AllHidden(),
                new WidthChange.ByFactor(2),
                Action.DEFAULT_NOISE,
                OptionalLong.empty()));
  }

  @Test
  void aPolicyChoosesHowCandidatesContinueAndARuleOverridesItKeyByKey() {
    LoadResult result =
        parse(
            HEADER
                + """
        spec:
          model: m
          training:
            learningRateScale: 1
            continuation: {schedule: constant, warmup: 0.1, optimizerState: carry}
          rules:
            - name: r
              when: {manual: true}
              action: {deepen: {after: 2}}
              training: {continuation: {schedule: cosine}}
            - name: s
              when: {manual: true}
              action: {deepen: {after: 1}}
        """);

    assertThat(result.diagnostics()).isEmpty();
    var rules = result.policies().get(0).rules();
    assertThat(rules.get(0).training().continuation())
        .isEqualTo(
            new ContinuationPlan(
                ContinuationPlan.Schedule.COSINE, 0.1, ContinuationPlan.OptimizerState.CARRY));
    assertThat(rules.get(1).training().continuation())
        .isEqualTo(
            new ContinuationPlan(
                ContinuationPlan.Schedule.CONSTANT, 0.1, ContinuationPlan.OptimizerState.CARRY));
    assertThat(rules.get(1).training().describe())
        .endsWith("warm-up over 10% of the steps, then constant, optimizer state carry");
  }

  @Test
  void withoutAContinuationACandidateContinuesByTheDefault() {
    LoadResult result =
        parse(
            HEADER
                + """
        spec:
          model: m
          rules:
            - name: r
              when: {manual: true}
              action: {deepen: {after: 2}}
        """);
    assertThat(result.policies().get(0).rules().get(0).training().continuation())
        .isEqualTo(ContinuationPlan.defaults());
  }

  @Test
  void aRuleOverridesThePolicysTrainingAndGateKeyByKey() {
    LoadResult result =
        parse(
            HEADER
                + """
        spec:
          model: m
          training: {learningRateScale: 0.05, epochs: 6, earlyStopping: {patience: 2}}
          promotion: {metric: loss, minImprovement: 0.01}
          guards: {maxParameters: 5000}
          rules:
            - name: r
              when: {manual: true}
              action: {deepen: {after: 2, kernel: 5, batchNorm: true}}
              training: {epochs: 9}
              promotion: {minImprovement: 0.02}
        """);

    Rule rule = result.policies().get(0).rules().get(0);
    assertThat(rule.training().epochs()).isEqualTo(9);
    assertThat(rule.training().learningRateScale()).isEqualTo(0.05);
    assertThat(rule.training().earlyStopping())
        .hasValueSatisfying(e -> assertThat(e.patience()).isEqualTo(2));
    assertThat(rule.promotion().metric().name()).isEqualTo("loss");
    assertThat(rule.promotion().metric().mode()).isEqualTo(Mode.MIN);
    assertThat(rule.promotion().minImprovement()).isEqualTo(0.02);
    assertThat(rule.promotion().maxParameters()).hasValue(5000);
    assertThat(rule.action())
        .isInstanceOfSatisfying(
            Action.Deepen.class,
            d -> {
              assertThat(d.after()).isEqualTo(new PolicyLayer.ByIndex(2));
              assertThat(d.kernel()).hasValue(5);
              assertThat(d.batchNorm()).isTrue();
            });
  }

  @Test
  void bindsEveryKindOfConditionAndLayerReference() {
    LoadResult result =
        parse(
            HEADER
                + """
        spec:
          model: m
          rules:
            - name: r
              when:
                any:
                  - all:
                      - plateau: {metric: f1, mode: max, split: train, minDelta: 0.01, evaluations: 4}
                      - underfitting: {metric: loss, maxGap: 0.1, target: 0.2}
                  - schedule: {every: 1h30m}
                  - datasetGrowth: {rows: 5e3}
              for: 90s
              action: {widen: {layers: [dense-1, 3, last-hidden], width: 256, noise: 0, seed: 7}}
        """);

    assertThat(result.errors()).isEmpty();
    Rule rule = result.policies().get(0).rules().get(0);
    assertThat(rule.holdFor()).isEqualTo(Duration.ofSeconds(90));
    Condition.AnyOf any = (Condition.AnyOf) rule.when();
    Condition.AllOf all = (Condition.AllOf) any.conditions().get(0);
    assertThat(all.conditions().get(0))
        .isInstanceOfSatisfying(
            Condition.Plateau.class,
            p -> {
              assertThat(p.metric().split()).isEqualTo(Split.TRAIN);
              assertThat(p.evaluations()).isEqualTo(4);
            });
    assertThat(all.conditions().get(1))
        .isEqualTo(new Condition.Underfitting("loss", Mode.MIN, 0.1, 0.2));
    assertThat(any.conditions().get(1)).isEqualTo(new Condition.Schedule(Duration.ofMinutes(90)));
    assertThat(any.conditions().get(2)).isEqualTo(new Condition.DatasetGrowthRows(5000));
    assertThat(((Action.Widen) rule.action()).layers())
        .isEqualTo(
            new LayerSelection.Listed(
                List.of(
                    new PolicyLayer.ByName("dense-1"),
                    new PolicyLayer.ByIndex(3),
                    new PolicyLayer.LastHidden())));
  }

  @Test
  void reportsEveryErrorOfAFileAtOnceInFileOrder() {
    LoadResult result =
        parse(
            HEADER
                + """
        spec:
          model: "bad model"
          rules:
            - name: a
              when: {datasetGrowth: {ratio: 0.5}}
              action: {widen: {factor: 1}}
            - name: b
              when: {schedule: {every: 0s}}
              for: 5
              action: {deepen: {kernel: 4}}
          guards: {cooldown: -1m, maxParameters: 0, retries: 3}
        """);

    assertThat(result.policies()).isEmpty();
    assertThat(result.errors())
        .extracting(d -> d.location().line() + ": " + d.message().split(":")[0])
        .containsExactly(
            "5: spec.model",
            "8: spec.rules[0].when.datasetGrowth.ratio",
            "9: spec.rules[0].action.widen.factor",
            "11: spec.rules[1].when.schedule.every",
            "12: spec.rules[1].for",
            "13: spec.rules[1].action.deepen",
            "13: spec.rules[1].action.deepen.kernel",
            "14: spec.guards.cooldown",
            "14: spec.guards.maxParameters",
            "14: spec.guards");
    assertThat(result.errors())
        .extracting(Diagnostic::format)
        .allMatch(line -> line.startsWith("p.yaml:"));
  }

  @Test
  void warnsAboutSettingsThatCannotBindWithoutRefusingTheFile() {
    LoadResult result =
        parse(
            HEADER
                + """
        spec:
          model: m
          rules:
            - name: r
              when: {schedule: {every: 5m}}
              action: {widen: {factor: 2}}
          promotion: {metric: accuracy, mode: min}
          guards: {cooldown: 1h, maxGrowthsPerDay: 48}
        """);

    assertThat(result.isValid()).isTrue();
    assertThat(result.policies()).hasSize(1);
    assertThat(result.warnings())
        .extracting(Diagnostic::message)
        .containsExactly(
            "spec.rules[0].when: schedule every 5m is shorter than the cooldown of 1h, so it can fire at most once per"
                + " cooldown",
            "spec.promotion.mode: mode: min says a lower accuracy is better, which is unusual; check it",
            "spec.guards.maxGrowthsPerDay: a cooldown of 1h allows at most 24 growths a day, so 48 never binds");
  }

  @Test
  void refusesAFileTooLargeToBeAPolicy() {
    byte[] huge = new byte[(1 << 20) + 1];
    java.util.Arrays.fill(huge, (byte) '#');

    LoadResult result = PolicyLoader.parse("huge.yaml", huge);

    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.location().toString()).isEqualTo("huge.yaml:1:1");
              assertThat(error.message()).contains("1,048,577 bytes");
            });
  }

  @Test
  void aByteOrderMarkIsNotAnError() {
    byte[] yaml =
        (HEADER
                + """
        spec:
          model: m
          rules: [{name: r, when: {manual: true}, action: {deepen: {after: last-hidden}}}]
        """)
            .getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[yaml.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(yaml, 0, withBom, 3, yaml.length);

    assertThat(PolicyLoader.parse("bom.yaml", withBom).errors()).isEmpty();
  }

  @Test
  void aDirectoryOrAMissingFileIsAnIoErrorNotADiagnostic(@TempDir Path temp) {
    assertThatThrownBy(() -> PolicyLoader.load(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("directory");
    assertThatThrownBy(() -> PolicyLoader.load(temp.resolve("none.yaml")))
        .isInstanceOf(IOException.class);
  }
}
