package io.tradeloop.decide.record;

import io.tradeloop.decide.adapt.AdaptedParameters;
import io.tradeloop.decide.gate.GateResult;
import io.tradeloop.decide.regime.RegimeReading;
import io.tradeloop.decide.vote.ModelVote;
import io.tradeloop.decide.vote.VoteResult;

import java.util.List;

/**
 * Everything the decision stack did on one bar and why: the record the API serves and the backtest
 * report lists. Optional layers that were off (or had nothing to say) are null.
 *
 * @param timeMs            decision time (the bar's close), epoch ms
 * @param instrument        instrument id
 * @param stack             which layers were on (e.g. {@code gbm+meta+ensemble+gates+risk+adapter})
 * @param featureSetVersion the features' version
 * @param price             the close the decision saw
 * @param votes             every model's vote and confidence
 * @param vote              the combined vote
 * @param meta              the meta-label gate's answer (null when off or no side)
 * @param regime            the regime reading (null when off)
 * @param fuzzy             the fuzzy arbitration (null when off or no side)
 * @param gates             every gate passed or blocked, in order
 * @param parameters        the adapted parameters in force (null without the adapter)
 * @param sizing            how the size was built (null unless entering)
 * @param risk              every risk rule's verdict on the proposal (empty when nothing was proposed)
 * @param action            the final action
 */
public record Decision(long timeMs, String instrument, String stack, String featureSetVersion, double price, List<ModelVote> votes,
                       VoteResult vote, MetaOutcome meta, RegimeReading regime, FuzzyOutcome fuzzy, List<GateResult> gates,
                       AdaptedParameters parameters, Sizing sizing, List<RiskCheck> risk, Action action) {
    public Decision {
        votes = List.copyOf(votes);
        gates = List.copyOf(gates);
        risk = List.copyOf(risk);
    }

    /** The same decision after the risk layer: its verdicts, the final size, and the action it allows. */
    public Decision withRisk(List<RiskCheck> checks, Sizing newSizing, Action newAction) {
        return new Decision(timeMs, instrument, stack, featureSetVersion, price, votes, vote, meta, regime, fuzzy, gates, parameters, newSizing,
                checks, newAction);
    }

    /** True when some gate blocked the candidate. */
    public boolean blocked() {
        return gates.stream().anyMatch(g -> !g.passed());
    }
}
