package dev.net2net.policies.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.model.Action;
import dev.net2net.policies.validate.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A tournament's candidate list, generated: any 2 to 8 distinct candidates bind to a tournament of
 * exactly those candidates in that order; any other count is refused at the list's line with the
 * count found; a repeated candidate is refused at its own line naming the one it repeats.
 */
class TournamentPropertiesTest {

  /** Distinct widen factors: 1.25, 1.5, ... so that candidates differ. */
  private static String candidate(int i) {
    return i % 3 == 2
        ? "            - deepen: {after: last-hidden, kernel: " + (2 * (i / 3) + 1) + "}\n"
        : String.format(
            Locale.ROOT,
            "            - widen: {factor: %s}%n%s",
            1 + 0.25 * (i + 1),
            i % 2 == 0 ? "" : "              training: {epochs: " + (i + 1) + "}\n");
  }

  private static String policy(List<String> candidates) {
    return """
        apiVersion: net2net.dev/v1
        kind: GrowthPolicy
        metadata: {name: generated}
        spec:
          model: fashion-mlp
          rules:
            - name: grow
              when: {datasetGrowth: {ratio: 1.5}}
              action:
                tournament:
                  candidates:
        """
        + String.join("", candidates);
  }

  private static LoadResult load(String yaml) {
    return PolicyLoader.parse("generated.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 40)
  void twoToEightDistinctCandidatesBindInOrder(@ForAll @IntRange(min = 2, max = 8) int count) {
    List<String> candidates = IntStream.range(0, count).mapToObj(i -> candidate(i)).toList();

    LoadResult result = load(policy(candidates));

    assertThat(result.errors()).isEmpty();
    Action.Tournament t = (Action.Tournament) result.policies().get(0).rules().get(0).action();
    assertThat(t.entrants()).hasSize(count);
    assertThat(t.deadline()).isEqualTo(Action.Tournament.DEFAULT_DEADLINE);
    for (int i = 0; i < count; i++) {
      assertThat(t.entrants().get(i).training().isPresent()).isEqualTo(i % 3 != 2 && i % 2 == 1);
    }
  }

  @Property(tries = 20)
  void anyOtherCountIsRefusedAtTheList(@ForAll("wrongCounts") int count) {
    List<String> candidates = IntStream.range(0, count).mapToObj(i -> candidate(i)).toList();
    String yaml = count == 0 ? policy(List.of()).stripTrailing() + " []\n" : policy(candidates);

    List<Diagnostic> errors = load(yaml).errors();

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message())
        .contains(
            "a tournament takes 2 to 8 candidates, found "
                + (count == 0 ? "an empty list" : count));
    assertThat(errors.get(0).location().line()).isEqualTo(count == 0 ? 11 : 12);
  }

  @Provide
  Arbitrary<Integer> wrongCounts() {
    return Arbitraries.oneOf(Arbitraries.of(0, 1), Arbitraries.integers().between(9, 12));
  }

  @Property(tries = 30)
  void aRepeatedCandidateIsRefusedAtItsLine(
      @ForAll @IntRange(min = 2, max = 7) int distinct,
      @ForAll @IntRange(min = 0, max = 6) int pick) {
    int repeated = pick % distinct;
    List<String> candidates =
        new java.util.ArrayList<>(
            IntStream.range(0, distinct).mapToObj(i -> candidate(i)).toList());
    candidates.add(candidate(repeated));
    int firstLineOfRepeat =
        12 + candidates.subList(0, distinct).stream().mapToInt(c -> (int) c.lines().count()).sum();

    List<Diagnostic> errors = load(policy(candidates)).errors();

    assertThat(errors)
        .extracting(Diagnostic::message)
        .singleElement()
        .asString()
        .contains("candidate " + (distinct + 1) + " is the same as candidate " + (repeated + 1));
    assertThat(errors.get(0).location().line()).isEqualTo(firstLineOfRepeat);
    assertThat(errors.stream().map(Diagnostic::message).collect(Collectors.joining()))
        .doesNotContain("Exception");
  }
}
