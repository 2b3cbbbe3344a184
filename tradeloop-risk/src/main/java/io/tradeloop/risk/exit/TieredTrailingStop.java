package io.tradeloop.risk.exit;

import io.tradeloop.core.config.Checks;

import java.util.Comparator;
import java.util.List;

/**
 * A trailing stop that tightens as profit grows: once the peak profit reaches a tier's
 * {@code minProfit}, the stop trails the best price by that tier's {@code trail} (a fraction of the
 * best price); the highest tier reached applies. Tiers must trail tighter as they rise.
 */
public record TieredTrailingStop(List<Tier> tiers) implements ExitRule {

    /** Above {@code minProfit} peak profit, trail the best price by {@code trail}. */
    public record Tier(double minProfit, double trail) {
        public Tier {
            Checks.inRange("tier_min_profit", minProfit, 0, 100);
            Checks.inRange("tier_trail", trail, 1e-6, 1);
        }
    }

    public TieredTrailingStop {
        tiers = tiers.stream().sorted(Comparator.comparingDouble(Tier::minProfit)).toList();
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a tiered trailing stop needs at least one tier");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).trail() > tiers.get(i - 1).trail()) {
                throw new IllegalArgumentException("trailing tiers must tighten as profit grows: tier at " + tiers.get(i).minProfit()
                        + " trails " + tiers.get(i).trail() + ", wider than " + tiers.get(i - 1).trail());
            }
        }
    }

    /** 1% → trail 1.5%, 3% → trail 1%, 6% → trail 0.5%. */
    public static TieredTrailingStop standard() {
        return new TieredTrailingStop(List.of(new Tier(0.01, 0.015), new Tier(0.03, 0.01), new Tier(0.06, 0.005)));
    }

    @Override
    public String name() {
        return "tiered-trailing-stop";
    }

    @Override
    public double stopLevel(TradeWatch t) {
        double peak = t.peakProfit();
        Tier active = null;
        for (Tier tier : tiers) if (peak >= tier.minProfit() - 1e-12) active = tier;
        if (active == null) return Double.NaN;
        return t.bestPrice() * (1 - t.side() * active.trail());
    }
}
