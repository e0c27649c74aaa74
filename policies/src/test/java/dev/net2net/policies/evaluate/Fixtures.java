package dev.net2net.policies.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.model.GrowthPolicy;
import dev.net2net.policies.parse.LoadResult;
import dev.net2net.policies.parse.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies written as the YAML a user would write, and signals built field by field. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
  static final String MODEL = "fashion-mlp";

  private Fixtures() {}

  /**
   * A policy with the given rules (YAML list items, indented by four) and guards (YAML, indented by
   * four).
   */
  static GrowthPolicy policy(String rules, String guards) {
    String yaml =
        """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata:
          name: test-policy
        spec:
          model: fashion-mlp
          rules:
        %s
          guards:
        %s
        """
            .formatted(
                rules.stripTrailing(),
                guards.isBlank() ? "    cooldown: 0s" : guards.stripTrailing());
    LoadResult result = PolicyLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(result.errors()).as(yaml).isEmpty();
    return result.policies().get(0);
  }

  /** One rule named {@code r} that widens when {@code condition} (a YAML flow mapping) holds. */
  static GrowthPolicy oneRule(String condition) {
    return policy(
        """
            - name: r
              when: %s
              action: {widen: {factor: 1.5}}
        """
            .formatted(condition),
        "");
  }

  static SignalsBuilder signals() {
    return new SignalsBuilder();
  }

  /** Signals with defaults that trigger nothing: no growth, no evaluations, no request. */
  static final class SignalsBuilder {
    private Instant now = T0;
    private long datasetRows = 5000;
    private long championRows = 5000;
    private Instant championTrainedAt = T0;
    private final List<ChampionEvaluation> evaluations = new ArrayList<>();
    private long parameters = 100_000;
    private Optional<ManualRequest> manual = Optional.empty();

    SignalsBuilder now(Instant value) {
      now = value;
      return this;
    }

    SignalsBuilder rows(long championTrainedOn, long now) {
      championRows = championTrainedOn;
      datasetRows = now;
      return this;
    }

    SignalsBuilder championTrainedAt(Instant value) {
      championTrainedAt = value;
      return this;
    }

    SignalsBuilder parameters(long value) {
      parameters = value;
      return this;
    }

    SignalsBuilder manual(ManualRequest request) {
      manual = Optional.of(request);
      return this;
    }

    /** Validation values of one metric, one evaluation a minute from T0. */
    SignalsBuilder validation(String metric, double... values) {
      for (double value : values) {
        evaluations.add(
            new ChampionEvaluation(
                T0.plusSeconds(60L * evaluations.size()), Map.of(), Map.of(metric, value)));
      }
      return this;
    }

    SignalsBuilder evaluation(Map<String, Double> train, Map<String, Double> validation) {
      evaluations.add(
          new ChampionEvaluation(
              T0.plusSeconds(60L * evaluations.size()),
              new HashMap<>(train),
              new HashMap<>(validation)));
      return this;
    }

    Signals build() {
      return new Signals(
          now,
          MODEL,
          datasetRows,
          championRows,
          championTrainedAt,
          evaluations,
          parameters,
          manual);
    }
  }
}
