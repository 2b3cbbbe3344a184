package io.tradeloop.server.brain;

import io.tradeloop.server.agent.AccountView;
import io.tradeloop.server.agent.AgentBrain;
import io.tradeloop.server.agent.AgentConfig;
import io.tradeloop.server.agent.BrainDecision;
import io.tradeloop.server.agent.BrainInput;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.Gate;
import io.tradeloop.server.agent.ModelInfo;
import io.tradeloop.server.agent.SlotView;
import io.tradeloop.server.agent.Vote;
import io.tradeloop.server.market.CarryOpportunity;
import io.tradeloop.server.predict.FundingPolicy;
import io.tradeloop.server.predict.NormalizedRequest;
import io.tradeloop.server.predict.PredictMultiRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A trained funding policy as an agent brain ({@code ppo-funding}): the paper account and the ranked
 * opportunities become a predict-multi request (the same contract, validation and derivations the API
 * uses), the policy answers, and its most probable allowed action is the decision. Spread history the
 * replay does not keep (30-sample, 24 h and 3 d means, volatility) is derived as the request contract
 * documents (current spread; volatility 0), and the decision record says so.
 */
public final class PpoFundingBrain implements AgentBrain {
    /** The id agents use in their config. */
    public static final String ID = "ppo-funding";

    private final FundingPolicy policy;

    public PpoFundingBrain(FundingPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ModelInfo model() {
        return policy.model();
    }

    @Override
    public BrainDecision decide(BrainInput in) {
        NormalizedRequest req = request(in).normalize();
        FundingPolicy.PolicyOutput out = policy.evaluate(req);
        double[] p = out.probabilities();
        int best = IntStream.range(0, p.length).filter(a -> out.mask()[a]).boxed()
                .max(Comparator.comparingDouble(a -> p[a])).orElseThrow();
        FundingAction chosen = FundingAction.of(best);
        FundingAction action = switch (chosen) {
            case FundingAction.Hold h -> h;
            case FundingAction.Enter e -> new FundingAction.Enter(out.opportunityOrder()[e.opportunity()], e.size());
            case FundingAction.Exit x -> new FundingAction.Exit(in.account().slots().get(x.slot()).slot());
        };
        long valid = IntStream.range(0, p.length).filter(a -> out.mask()[a]).count();
        List<Vote> votes = new ArrayList<>();
        IntStream.range(0, p.length).filter(a -> out.mask()[a]).boxed().sorted(Comparator.comparingDouble((Integer a) -> -p[a])).limit(3)
                .forEach(a -> votes.add(new Vote("ppo-policy", FundingAction.NAMES.get(a), p[a], String.format(Locale.ROOT,
                        "policy probability %.3f", p[a]))));
        List<Gate> gates = List.of(new Gate("action-mask", true, valid, FundingAction.COUNT, valid + " of 36 actions allowed by the mask"));
        String target = switch (action) {
            case FundingAction.Enter e -> " " + in.opportunities().get(e.opportunity()).label();
            case FundingAction.Exit x -> " " + in.account().slots().stream().filter(s -> s.slot() == x.slot()).findFirst().orElseThrow().label();
            case FundingAction.Hold h -> "";
        };
        String reasoning = String.format(Locale.ROOT, "PPO policy chose %s%s with probability %.3f (state value %.3f, %d actions allowed; "
                + "spread history derived from the current spread).", chosen.name(), target, p[best], out.stateValue(), valid);
        return new BrainDecision(action, Math.min(1, Math.max(0, p[best])), votes, gates, reasoning, p, out.stateValue());
    }

    /** The paper account at one tick as a predict-multi request. */
    static PredictMultiRequest request(BrainInput in) {
        AgentConfig c = in.config();
        AccountView a = in.account();
        List<PredictMultiRequest.Opportunity> opps = new ArrayList<>();
        for (CarryOpportunity o : in.opportunities()) {
            double spread = (o.shortPrice() - o.longPrice()) / ((o.longPrice() + o.shortPrice()) / 2) * 100;
            double volume = Double.isNaN(o.volume24hUsd()) ? 0 : o.volume24hUsd();
            opps.add(new PredictMultiRequest.Opportunity(o.symbol(), o.longVenue(), o.shortVenue(), o.longRate8h(), o.shortRate8h(), 8.0, 8.0,
                    o.profit8hPct(), o.apr24hPct() / 1095, o.apr3dPct() / 1095, o.aprPct(), o.apr24hPct(), o.apr3dPct(), o.longPrice(),
                    o.shortPrice(), spread, null, null, null, volume, null, null, null, null));
        }
        List<PredictMultiRequest.Position> positions = new ArrayList<>();
        for (SlotView s : a.slots()) {
            SlotView.Legs l = s.legs();
            positions.add(new PredictMultiRequest.Position(l.symbol(), l.longVenue(), l.shortVenue(), s.sizeUsd(), s.hoursHeld(),
                    l.longEntryPrice(), l.shortEntryPrice(), l.longMarkPrice(), l.shortMarkPrice(), finite(l.longRate8h()),
                    finite(l.shortRate8h()), l.leverage(), l.fundingUsd(), l.feesUsd(), s.netPnlPct()));
        }
        return new PredictMultiRequest(opps, positions, new PredictMultiRequest.Portfolio(a.equityUsd(), Math.max(0, Math.min(a.equityUsd(),
                a.availableUsd())), a.initialCapitalUsd(), a.usedMarginUsd(), Math.min(100, a.maxDrawdownPct() * 100), 0.0),
                new PredictMultiRequest.Config(c.maxLeverage(), c.targetUtilization(), c.maxPositions(), c.stopLossThreshold(),
                        c.liquidationBuffer()));
    }

    private static double finite(double rate8h) {
        return Double.isNaN(rate8h) ? 0 : rate8h; // only before a leg's first settlement, when no rate is known at all
    }
}
