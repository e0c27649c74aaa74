package dev.net2net.daemon.growth;

import dev.net2net.policies.model.PromotionGate;
import java.util.List;
import java.util.Optional;

/**
 * A trained candidate of a tournament as the promotion gate sees it: its place, its value of the
 * gate's metric, the champion's value on the same rows, and its size. Pure, so the choice of the
 * winner is tested on generated standings.
 */
record Standing(int index, double value, double champion, long parameters) {

  /** Whether it passes the gate: enough improvement on its champion, within the parameter cap. */
  boolean passes(PromotionGate gate) {
    return gate.passes(value, champion)
        && (gate.maxParameters().isEmpty() || parameters <= gate.maxParameters().getAsLong());
  }

  double improvement(PromotionGate gate) {
    return gate.metric().mode().improvement(value, champion);
  }

  /**
   * The winner: of the standings that pass the gate, the one with the largest improvement over the
   * champion it measured; on a tie the earlier candidate. Empty when none passes.
   */
  static Optional<Standing> winner(List<Standing> standings, PromotionGate gate) {
    Optional<Standing> best = Optional.empty();
    for (Standing s : standings) {
      if (s.passes(gate)
          && (best.isEmpty()
              || s.improvement(gate) > best.get().improvement(gate)
              || (s.improvement(gate) == best.get().improvement(gate)
                  && s.index() < best.get().index()))) {
        best = Optional.of(s);
      }
    }
    return best;
  }
}
