package dev.net2net.daemon.growth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.net2net.policies.model.MetricRef;
import dev.net2net.policies.model.Mode;
import dev.net2net.policies.model.PromotionGate;
import dev.net2net.policies.model.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The tournament's winner, on generated standings and gates (accuracy to maximise or loss to
 * minimise, a minimum improvement, a parameter cap): the winner passes the gate, no candidate that
 * passes improves more, an equal improvement goes to the earlier candidate, and there is no winner
 * exactly when no candidate passes. Values are drawn from a few levels so that ties happen.
 */
class StandingPropertiesTest {

  record Case(List<Standing> standings, PromotionGate gate) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<PromotionGate> gates =
        Combinators.combine(
                Arbitraries.of(Mode.MAX, Mode.MIN),
                Arbitraries.of(0.0, 0.01, 0.05),
                Arbitraries.of(OptionalLong.empty(), OptionalLong.of(20_000)))
            .as(
                (mode, min, cap) ->
                    new PromotionGate(
                        new MetricRef(
                            mode == Mode.MAX ? "accuracy" : "loss", Split.VALIDATION, mode),
                        min,
                        cap));
    Arbitrary<Double[]> levels =
        Arbitraries.of(0.60, 0.62, 0.65, 0.70).array(Double[].class).ofSize(2);
    Arbitrary<Long> sizes = Arbitraries.of(10_000L, 30_000L);
    Arbitrary<List<Double[]>> values = levels.list().ofMinSize(1).ofMaxSize(8);
    return Combinators.combine(values, sizes.list().ofSize(8), gates)
        .as(
            (v, size, gate) -> {
              List<Standing> standings = new ArrayList<>();
              for (int i = 0; i < v.size(); i++) {
                standings.add(new Standing(i, v.get(i)[0], v.get(i)[1], size.get(i)));
              }
              return new Case(standings, gate);
            });
  }

  @Property(tries = 500)
  void theWinnerPassesAndNoPassingCandidateImprovesMoreOrEquallyEarlier(@ForAll("cases") Case c) {
    Optional<Standing> winner = Standing.winner(c.standings(), c.gate());

    assertThat(winner.isPresent())
        .as("a winner exactly when some candidate passes")
        .isEqualTo(c.standings().stream().anyMatch(s -> s.passes(c.gate())));
    winner.ifPresent(
        w -> {
          assertThat(w.passes(c.gate())).isTrue();
          for (Standing s : c.standings()) {
            if (s.passes(c.gate())) {
              assertThat(s.improvement(c.gate())).isLessThanOrEqualTo(w.improvement(c.gate()));
              if (s.improvement(c.gate()) == w.improvement(c.gate())) {
                assertThat(w.index()).isLessThanOrEqualTo(s.index());
              }
            }
          }
        });
  }

  @Property(tries = 200)
  void aCandidateOverTheParameterCapNeverWins(@ForAll("cases") Case c) {
    Standing.winner(c.standings(), c.gate())
        .ifPresent(
            w ->
                c.gate()
                    .maxParameters()
                    .ifPresent(cap -> assertThat(w.parameters()).isLessThanOrEqualTo(cap)));
  }
}
