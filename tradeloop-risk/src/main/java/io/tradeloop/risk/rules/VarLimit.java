package io.tradeloop.risk.rules;

import io.tradeloop.core.config.Checks;
import io.tradeloop.risk.Exposure;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.PreTradeRule;
import io.tradeloop.risk.ReturnHistory;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import org.apache.commons.math3.special.Erf;


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

    /** Per-thread scratch, so a check allocates nothing once it has seen the account's size (approvals are the common case). */
    private static final class Scratch {
        String[] ids = new String[8];
        double[] held = new double[8];
        double[] added = new double[8];
        ReturnHistory[] hist = new ReturnHistory[8];
        double[] pnl = new double[256];
        int count;
        // Instrument.id() builds a string per call: remember the ids of the instrument objects seen (by identity)
        io.tradeloop.core.instrument.Instrument[] known = new io.tradeloop.core.instrument.Instrument[8];
        String[] knownIds = new String[8];
        int knownCount;

        String idOf(io.tradeloop.core.instrument.Instrument inst) {
            for (int i = 0; i < knownCount; i++) if (known[i] == inst) return knownIds[i];
            int at = knownCount < known.length ? knownCount++ : Math.floorMod(inst.hashCode(), known.length);
            known[at] = inst;
            knownIds[at] = inst.id();
            return knownIds[at];
        }

        int slot(String id) {
            for (int i = 0; i < count; i++) if (ids[i].equals(id)) return i;
            if (count == ids.length) {
                int n = 2 * count;
                ids = java.util.Arrays.copyOf(ids, n);
                held = java.util.Arrays.copyOf(held, n);
                added = java.util.Arrays.copyOf(added, n);
                hist = java.util.Arrays.copyOf(hist, n);
            }
            ids[count] = id;
            held[count] = 0;
            added[count] = 0;
            return count++;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final RiskVerdict APPROVED = new RiskVerdict.Approved("var-limit");

    @Override
    public RiskVerdict check(TradeProposal proposal, RiskContext context) {
        if (proposal.isReducingOnly()) return APPROVED;
        var p = context.portfolio();
        Scratch s = SCRATCH.get();
        s.count = 0;
        // held notionals of every open instrument, then the legs' additions (instruments in first-seen order)
        for (int b = 0; b < p.books(); b++) {
            if (p.isOpen(b)) s.held[s.slot(s.idOf(p.instrument(b)))] += p.qty(b) * p.markPrice(b);
        }
        var legs = proposal.legs();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            s.added[s.slot(s.idOf(leg.instrument()))] += Exposure.signedNotionalUsd(leg);
        }
        int n = Integer.MAX_VALUE;
        for (int i = 0; i < s.count; i++) {
            ReturnHistory h = context.market().returns(s.ids[i]);
            s.hist[i] = h;
            int have = h == null ? 0 : h.size();
            if (have < minObservations) {
                return RiskVerdict.refused(name(), String.format("%s has %d returns, VaR needs at least %d", s.ids[i], have, minObservations));
            }
            n = Math.min(n, have);
        }
        if (s.pnl.length < n) s.pnl = new double[Math.max(n, 2 * s.pnl.length)];
        double limit = maxVarFraction * p.equityUsd();
        double full = var(s, 1, n);
        if (full <= limit) return APPROVED;
        String why = String.format("%s VaR(%.1f%%, %d bars) would be %.2f USD, the limit is %.2f (%.2f%% of equity)",
                method.name().toLowerCase(java.util.Locale.ROOT), 100 * confidence, horizonBars, full, limit, 100 * maxVarFraction);
        double lo = 0;
        double hi = 1;
        if (var(s, 0, n) > limit) return RiskVerdict.refused(name(), why + "; the held positions alone breach it");
        for (int it = 0; it < 40; it++) {
            double mid = (lo + hi) / 2;
            if (var(s, mid, n) <= limit) lo = mid;
            else hi = mid;
        }
        if (lo >= minScale && lo > 0) return new RiskVerdict.Adjusted(name(), lo, why);
        return RiskVerdict.refused(name(), why);
    }

    private double var(Scratch s, double scale, int n) {
        double[] pnl = s.pnl;
        for (int t = 0; t < n; t++) {
            double v = 0;
            for (int i = 0; i < s.count; i++) v += (s.held[i] + scale * s.added[i]) * s.hist[i].newest(t);
            pnl[t] = v;
        }
        return valueAtRisk(method, pnl, n, confidence, horizonBars);
    }

    /**
     * The element of rank {@code k} (0 = smallest) of {@code a[0, n)}, by quickselect with median-of-three
     * pivots (Hoare, "Find", CACM 1961): O(n) on average, in place, no allocation. Reorders {@code a}.
     */
    static double kthSmallest(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // median of three to the middle, then Hoare partition around it
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** VaR of a P&amp;L sample (see the class comment); {@code pnl} is reordered by the historical method. */
    public static double valueAtRisk(Method method, double[] pnl, int n, double confidence, int horizonBars) {
        return switch (method) {
            case HISTORICAL -> {
                int k = (int) Math.ceil((1 - confidence) * n - 1e-9);
                yield Math.max(0, -kthSmallest(pnl, n, Math.max(0, k - 1)) * Math.sqrt(horizonBars));
            }
            case PARAMETRIC -> {
                double mean = 0;
                for (int t = 0; t < n; t++) mean += pnl[t] / n;
                double ss = 0;
                for (int t = 0; t < n; t++) ss += (pnl[t] - mean) * (pnl[t] - mean);
                double sd = Math.sqrt(ss / (n - 1));
                double z = Math.sqrt(2) * Erf.erfInv(2 * confidence - 1); // the standard normal quantile, without allocating
                yield Math.max(0, z * sd * Math.sqrt(horizonBars) - mean * horizonBars);
            }
        };
    }
}
