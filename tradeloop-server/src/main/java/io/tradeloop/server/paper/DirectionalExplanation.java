package io.tradeloop.server.paper;

import io.tradeloop.decide.gate.GateResult;
import io.tradeloop.decide.record.Action;
import io.tradeloop.decide.record.Decision;
import io.tradeloop.decide.vote.ModelVote;
import io.tradeloop.risk.exit.ExitVerdict;
import io.tradeloop.server.agent.ClosedTrade;
import io.tradeloop.server.agent.Gate;
import io.tradeloop.server.agent.RiskCheck;
import io.tradeloop.server.agent.Vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a directional-stack {@link Decision} into the parts of an agent's decision record: one vote per
 * model plus the weighted vote, every gate (meta-label, confidence, regime, fuzzy), the confidence, and
 * a reasoning line with the regime, the sizing and what risk changed. Nothing is invented here: every
 * number comes from the decision.
 */
final class DirectionalExplanation {
    private DirectionalExplanation() {
    }

    /** The combined vote's confidence (0 when no vote was taken, e.g. during warm-up). */
    static double confidence(Decision d) {
        return d.vote() == null ? 0 : clamp01(d.vote().confidence());
    }

    static List<Vote> votes(Decision d) {
        if (d == null) return List.of();
        List<Vote> out = new ArrayList<>(d.votes().size() + 1);
        for (ModelVote v : d.votes()) {
            out.add(new Vote(v.model(), v.direction().name(), clamp01(v.confidence()), String.format(Locale.ROOT,
                    "weight %.2f; P(down/flat/up) %.3f/%.3f/%.3f%s", v.weight(), v.pDown(), v.pFlat(), v.pUp(),
                    v.uncertainty() > 0 ? String.format(Locale.ROOT, "; uncertainty %.3f", v.uncertainty()) : "")));
        }
        var r = d.vote();
        if (r != null) {
            out.add(new Vote("weighted-vote", r.direction().name(), clamp01(r.confidence()), String.format(Locale.ROOT,
                    "support %.3f; weights long %.2f / flat %.2f / short %.2f; signal %+.3f", r.support(), r.longWeight(), r.flatWeight(),
                    r.shortWeight(), r.signal())));
        }
        return out;
    }

    static List<Gate> gates(Decision d) {
        if (d == null) return List.of();
        List<Gate> out = new ArrayList<>(d.gates().size());
        for (GateResult g : d.gates()) {
            out.add(switch (g) {
                case GateResult.Passed p -> new Gate(p.gate(), true, p.value(), p.threshold(), p.detail().isEmpty()
                        ? String.format(Locale.ROOT, "%.3f passes %.3f", p.value(), p.threshold()) : p.detail());
                case GateResult.Blocked b -> new Gate(b.gate(), false, b.value(), b.threshold(), b.reason());
            });
        }
        return out;
    }

    static String reasoning(Decision d, ExitVerdict.Exit forced, String sizeNote, List<RiskCheck> risk, List<ClosedTrade> closed) {
        if (d == null && forced == null) {
            return "Warming up: the features or the volatility target are not defined yet.";
        }
        StringBuilder sb = new StringBuilder();
        if (d != null) {
            var v = d.vote();
            if (v != null) {
                sb.append(String.format(Locale.ROOT, "Stack (%s) votes %s with support %.2f, confidence %.2f.", d.stack(), v.direction(), v.support(),
                        v.confidence()));
            }
            if (d.meta() != null) {
                sb.append(String.format(Locale.ROOT, " Meta-label P(take) %.3f vs %.3f.", d.meta().pTake(), d.meta().threshold()));
            }
            if (d.regime() != null) {
                sb.append(String.format(Locale.ROOT, " Regime %s (raw %s, trend %.2f, vol rank %.2f).", d.regime().confirmed(), d.regime().raw(),
                        d.regime().trendScore(), d.regime().volRank()));
            }
            if (d.fuzzy() != null) {
                sb.append(String.format(Locale.ROOT, " Fuzzy action %+.3f.", d.fuzzy().action()));
            }
            // a protective exit on this close overrides the stack's own exit or hold: then only the risk exit is told
            switch (d.action()) {
                case Action.Enter e -> {
                    var s = d.sizing();
                    sb.append(String.format(Locale.ROOT, " Enter %s: base %.2f x confidence weight %.2f x fuzzy %.2f, risk cap %.2f -> %.1f%% of equity",
                            e.side(), s.baseFraction(), s.confidenceWeight(), s.fuzzyMultiplier(), s.riskBudgetCap(), 100 * s.finalFraction()));
                    if (!sizeNote.isEmpty()) sb.append(" (traded ").append(sizeNote).append(')');
                    sb.append(String.format(Locale.ROOT, "; stop %.2f%%, take-profit %.2f%%, time exit after %d bars.", 100 * e.stopLossPct(),
                            100 * e.takeProfitPct(), e.maxBars()));
                }
                case Action.Exit x -> {
                    if (forced == null) sb.append(" Exit: ").append(x.reason()).append('.');
                }
                case Action.Hold h -> {
                    if (forced == null) sb.append(" Hold: ").append(h.reason()).append('.');
                }
            }
        }
        if (forced != null) {
            sb.append(" Risk exit ").append(forced.rule()).append(": ").append(forced.reason()).append('.');
        }
        for (ClosedTrade c : closed) {
            sb.append(String.format(Locale.ROOT, " Closed %s (%s): net %.2f USD (%.2f%%).", c.label(), c.reason(), c.netPnlUsd(), c.netPnlPct()));
        }
        for (RiskCheck r : risk) {
            if (r.verdict().equals("REFUSED")) {
                sb.append(" Refused by ").append(r.rule()).append(": ").append(r.reason()).append('.');
            } else if (r.verdict().equals("ADJUSTED")) {
                sb.append(String.format(Locale.ROOT, " Scaled to %.0f%% by %s.", 100 * r.scale(), r.rule()));
            }
        }
        return sb.toString().trim();
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static double clamp01(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }
}
