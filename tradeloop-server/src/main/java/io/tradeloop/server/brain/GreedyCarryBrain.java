package io.tradeloop.server.brain;

import io.tradeloop.server.agent.AgentBrain;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.BrainDecision;
import io.tradeloop.server.agent.BrainInput;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.Gate;
import io.tradeloop.server.agent.ModelInfo;
import io.tradeloop.server.agent.SizeClass;
import io.tradeloop.server.agent.SlotView;
import io.tradeloop.server.agent.Vote;
import io.tradeloop.server.market.CarryOpportunity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The greedy funding-carry rule as an agent brain: exit a held pair whose funding APR fell below
 * {@code exit_apr_pct}; otherwise enter the best-ranked pair not yet held whose APR is at least
 * {@code entry_apr_pct}, sized by how persistent the carry has been. One action per tick, exits first.
 *
 * <p>Votes and confidence (each in [0, 1]):
 * <ul>
 *   <li>{@code carry-decay} (EXIT): 0.5 + (exit − apr) / (2 × max(entry − exit, 1)), clipped;</li>
 *   <li>{@code carry-apr} (ENTER): apr / (2 × entry), clipped (1 when entry is 0);</li>
 *   <li>{@code carry-persistence}: ENTER with apr3d / entry when apr3d ≥ entry / 2, else HOLD with
 *       1 − apr3d / (entry / 2), clipped.</li>
 * </ul>
 * The decision's confidence is the mean over votes of their support for the chosen action (a vote for
 * another action supports it with 1 − its confidence). Size: LARGE when apr ≥ 2 × entry and apr3d ≥
 * entry; MEDIUM when apr3d ≥ entry / 2; SMALL otherwise.
 */
public final class GreedyCarryBrain implements AgentBrain {
    /** The id agents use in their config. */
    public static final String ID = "greedy-carry";
    /** Entries smaller than this (capital of both legs) are not worth their fees. */
    public static final double MIN_SIZE_USD = 20;

    private static final ModelInfo MODEL = new ModelInfo("greedy-carry-1", null,
            "rule: enter the best funding differential above entry_apr_pct, exit below exit_apr_pct (not trained)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ModelInfo model() {
        return MODEL;
    }

    @Override
    public BrainDecision decide(BrainInput in) {
        AgentConfig cfg = in.config();
        double entry = cfg.entryAprPct();
        double exit = cfg.exitAprPct();
        List<Vote> votes = new ArrayList<>();
        List<Gate> gates = new ArrayList<>();

        // 1. Exits first: the held pair whose carry decayed most.
        SlotView worst = null;
        for (SlotView s : in.account().slots()) {
            if (!Double.isNaN(s.currentAprPct()) && s.currentAprPct() < exit
                    && (worst == null || s.currentAprPct() < worst.currentAprPct())) {
                worst = s;
            }
        }
        if (worst != null) {
            var action = new FundingAction.Exit(worst.slot());
            double c = clip01(0.5 + (exit - worst.currentAprPct()) / (2 * Math.max(entry - exit, 1)));
            votes.add(new Vote("carry-decay", action.name(), c, String.format(Locale.ROOT,
                    "%s: funding APR %.2f%% < exit %.2f%%", worst.label(), worst.currentAprPct(), exit)));
            gates.add(new Gate("exit-apr", true, worst.currentAprPct(), exit, "APR below the exit threshold"));
            return new BrainDecision(action, c, votes, gates, String.format(Locale.ROOT,
                    "Exit %s: its funding APR fell to %.2f%%, below the exit threshold %.2f%% (net P&L %.2f%%).",
                    worst.label(), worst.currentAprPct(), exit, worst.netPnlPct()), null, Double.NaN);
        }

        // 2. Entry gates.
        int open = in.account().openPositions();
        boolean freeSlot = open < cfg.maxPositions() && open < FundingAction.EXECUTION_SLOTS;
        gates.add(new Gate("free-slot", freeSlot, open, cfg.maxPositions(), open + " of " + cfg.maxPositions() + " positions open"));
        int candidate = -1;
        for (int i = 0; i < in.opportunities().size(); i++) {
            if (!in.account().holds(in.opportunities().get(i).key())) {
                candidate = i;
                break;
            }
        }
        if (candidate < 0) {
            String why = in.opportunities().isEmpty() ? "no opportunity is quoted at this tick" : "every quoted pair is already held";
            gates.add(new Gate("candidate", false, Double.NaN, Double.NaN, why));
            return hold(votes, gates, 1.0, "Hold: " + why + ".");
        }
        CarryOpportunity opp = in.opportunities().get(candidate);
        boolean persistent = opp.apr3dPct() >= entry / 2;
        SizeClass size = opp.aprPct() >= 2 * entry && opp.apr3dPct() >= entry ? SizeClass.LARGE
                : persistent ? SizeClass.MEDIUM : SizeClass.SMALL;
        String enterName = new FundingAction.Enter(candidate, size).name();

        double aprConf = entry <= 0 ? 1 : clip01(opp.aprPct() / (2 * entry));
        votes.add(new Vote("carry-apr", enterName, aprConf, String.format(Locale.ROOT,
                "%s: funding APR %.2f%% vs entry %.2f%%", opp.label(), opp.aprPct(), entry)));
        if (persistent) {
            votes.add(new Vote("carry-persistence", enterName, entry <= 0 ? 1 : clip01(opp.apr3dPct() / entry), String.format(Locale.ROOT,
                    "3-day mean APR %.2f%% >= half the entry threshold %.2f%%", opp.apr3dPct(), entry / 2)));
        } else {
            votes.add(new Vote("carry-persistence", "HOLD", clip01(1 - opp.apr3dPct() / (entry / 2)), String.format(Locale.ROOT,
                    "3-day mean APR %.2f%% < half the entry threshold %.2f%%", opp.apr3dPct(), entry / 2)));
        }
        boolean aprOk = opp.aprPct() >= entry;
        gates.add(new Gate("entry-apr", aprOk, opp.aprPct(), entry, String.format(Locale.ROOT,
                "APR %.2f%% %s entry %.2f%%", opp.aprPct(), aprOk ? ">=" : "<", entry)));

        double sizeUsd = size.sizeUsd(in.account().availableUsd(), cfg.targetUtilization(), cfg.maxPositions());
        boolean sizeOk = sizeUsd >= MIN_SIZE_USD;
        gates.add(new Gate("min-size", sizeOk, sizeUsd, MIN_SIZE_USD, String.format(Locale.ROOT,
                "%s size %.2f USD %s minimum %.0f USD", size, sizeUsd, sizeOk ? ">=" : "<", MIN_SIZE_USD)));

        if (freeSlot && aprOk && sizeOk) {
            var action = new FundingAction.Enter(candidate, size);
            double c = support(votes, enterName);
            return new BrainDecision(action, c, votes, gates, String.format(Locale.ROOT,
                    "Enter %s %s (%.0f USD): funding APR %.2f%% >= %.2f%%, 3-day mean %.2f%%, 24 h mean %.2f%%.",
                    opp.label(), size, sizeUsd, opp.aprPct(), entry, opp.apr3dPct(), opp.apr24hPct()), null, Double.NaN);
        }
        String why = !freeSlot ? "all " + cfg.maxPositions() + " position slots are in use"
                : !aprOk ? String.format(Locale.ROOT, "best pair %s pays %.2f%% APR, below the entry threshold %.2f%%", opp.label(), opp.aprPct(), entry)
                : String.format(Locale.ROOT, "the %s size would be %.2f USD, below the %.0f USD minimum", size, sizeUsd, MIN_SIZE_USD);
        return hold(votes, gates, support(votes, "HOLD"), "Hold: " + why + ".");
    }

    private static BrainDecision hold(List<Vote> votes, List<Gate> gates, double confidence, String reasoning) {
        return new BrainDecision(new FundingAction.Hold(), confidence, votes, gates, reasoning, null, Double.NaN);
    }

    /** Mean support of the votes for {@code action}; 1 when there are no votes. */
    static double support(List<Vote> votes, String action) {
        if (votes.isEmpty()) {
            return 1;
        }
        double s = 0;
        for (Vote v : votes) {
            boolean sameSide = action.equals("HOLD") ? v.action().equals("HOLD") : !v.action().equals("HOLD");
            s += sameSide ? v.confidence() : 1 - v.confidence();
        }
        return s / votes.size();
    }

    private static double clip01(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }
}
