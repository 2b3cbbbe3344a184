package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.Exposure;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.ReturnHistory;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Value at risk of the account after the trade against a limit: VaR ≤ {@code maxVarFraction} × equity.
 *
 * <p>The P&amp;L series is rebuilt from the instruments' aligned one-bar returns: pnl_t = Σᵢ Nᵢ rᵢ,ₜ over the
 * newest n bars common to all histories, Nᵢ the signed notional after the trade (Jorion, <i>Value at
 * Risk</i>, ch. 10). Historical VaR at confidence c is −L₍k₎, the k-th smallest P&amp;L with
 * k = ⌈(1 − c)·n⌉, times √h for an h-bar horizon; parametric VaR is z_c·σ·√h − μ·h with μ, σ the sample
 * mean and standard deviation of the P&amp;L. Both are floored at 0. An entry that breaches the limit is
 * scaled down (bisection on the scale) when at least {@code minScale} fits, refused otherwise; an
 * instrument without {@code minObservations} returns is refused (no data, no risk estimate, no trade).
 */
public record VarLimit(Method method, double confidence, int horizonBars, double maxVarFraction, int minObservations, double minScale)
        implements PreTradeRule {

    /** How VaR is estimated. */
    public enum Method { HISTORICAL, PARAMETRIC }

    public VarLimit {
        Checks.notNull("var_method", method);
        Checks.inRange("var_confidence", confidence, 0.5, 0.9999);
        Checks.inRange("var_horizon_bars", horizonBars, 1, 10_000);
        Checks.inRange("max_var_fraction", maxVarFraction, 1e-6, 1);
        Checks.inRange("var_min_observations", minObservations, 2, 10_000_000);
        Checks.inRange("min_scale", minScale, 0.0, 1.0);
    }

    @Override
    public String name() {
        return "var-limit";
    }

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) return RiskVerdict.approved(name());
        var p = context.portfolio();
        // held notionals of every open instrument, and the legs' additions
        Map<String, Double> held = new LinkedHashMap<>();
        for (int b = 0; b < p.books(); b++) {
            if (p.isOpen(b)) held.merge(p.instrument(b).id(), p.qty(b) * p.markPrice(b), Double::sum);
        }
        Map<String, Double> add = new LinkedHashMap<>();
        for (Leg leg : proposal.legs()) add.merge(leg.instrument().id(), Exposure.signedNotionalUsd(leg), Double::sum);
        List<String> ids = new ArrayList<>(held.keySet());
        for (String id : add.keySet()) if (!ids.contains(id)) ids.add(id);
        ReturnHistory[] hist = new ReturnHistory[ids.size()];
        int n = Integer.MAX_VALUE;
        for (int i = 0; i < ids.size(); i++) {
            hist[i] = context.market().returns(ids.get(i));
            int have = hist[i] == null ? 0 : hist[i].size();
            if (have < minObservations) {
                return RiskVerdict.refused(name(), String.format("%s has %d returns, VaR needs at least %d", ids.get(i), have, minObservations));
            }
            n = Math.min(n, have);
        }
        double[] h = new double[ids.size()];
        double[] a = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            h[i] = held.getOrDefault(ids.get(i), 0.0);
            a[i] = add.getOrDefault(ids.get(i), 0.0);
        }
        double limit = maxVarFraction * p.equityUsd();
        double[] pnl = new double[n];
        double full = var(hist, h, a, 1, n, pnl);
        if (full <= limit) return RiskVerdict.approved(name());
        String why = String.format("%s VaR(%.1f%%, %d bars) would be %.2f USD, the limit is %.2f (%.2f%% of equity)",
                method.name().toLowerCase(java.util.Locale.ROOT), 100 * confidence, horizonBars, full, limit, 100 * maxVarFraction);
        double lo = 0;
        double hi = 1;
        if (var(hist, h, a, 0, n, pnl) > limit) return RiskVerdict.refused(name(), why + "; the held positions alone breach it");
        for (int it = 0; it < 40; it++) {
            double mid = (lo + hi) / 2;
            if (var(hist, h, a, mid, n, pnl) <= limit) lo = mid;
            else hi = mid;
        }
        if (lo >= minScale && lo > 0) return new RiskVerdict.Adjusted(name(), lo, why);
        return RiskVerdict.refused(name(), why);
    }

    /** VaR of held + scale × added notionals over the newest n aligned returns. */
    double var(ReturnHistory[] hist, double[] held, double[] added, double scale, int n, double[] pnl) {
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int i = 0; i < hist.length; i++) s += (held[i] + scale * added[i]) * hist[i].newest(t);
            pnl[t] = s;
        }
        return valueAtRisk(method, pnl, n, confidence, horizonBars);
    }

    /** VaR of a P&amp;L sample (see the class comment); {@code pnl} is reordered by the historical method. */
    public static double valueAtRisk(Method method, double[] pnl, int n, double confidence, int horizonBars) {
        return switch (method) {
            case HISTORICAL -> {
                Arrays.sort(pnl, 0, n);
                int k = (int) Math.ceil((1 - confidence) * n - 1e-9);
                yield Math.max(0, -pnl[Math.max(0, k - 1)] * Math.sqrt(horizonBars));
            }
            case PARAMETRIC -> {
                double mean = 0;
                for (int t = 0; t < n; t++) mean += pnl[t] / n;
                double ss = 0;
                for (int t = 0; t < n; t++) ss += (pnl[t] - mean) * (pnl[t] - mean);
                double sd = Math.sqrt(ss / (n - 1));
                double z = new NormalDistribution().inverseCumulativeProbability(confidence);
                yield Math.max(0, z * sd * Math.sqrt(horizonBars) - mean * horizonBars);
            }
        };
    }
}
