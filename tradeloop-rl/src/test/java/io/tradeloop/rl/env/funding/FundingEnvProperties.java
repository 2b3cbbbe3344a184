package io.tradeloop.rl.env.funding;

import io.tradeloop.core.order.Side;
import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.core.random.Rng;
import io.tradeloop.risk.Leg;
import io.tradeloop.risk.RiskContext;
import io.tradeloop.risk.RiskVerdict;
import io.tradeloop.risk.TradeProposal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Invariants of the funding-arbitrage environment over seeded random markets, configs and action sequences. */
class FundingEnvProperties {
    static final int STEPS = 420;

    static EnvConfig config(Rng rng) {
        EnvConfig c = EnvConfig.defaults();
        return rng.nextBoolean() ? c.withEntryLeverage(TradingConfig.EntryLeverage.MAX_LEVERAGE) : c;
    }

    static FundingArbitrageEnv env(EnvConfig c, MarketSeries series, Rng rng) {
        MarketTape tape = MarketTape.build(series, c);
        return new FundingArbitrageEnv(c, new ReplayMarket(tape, 0, tape.steps()), EpisodeSampler.fullRange(72, 168), rng);
    }

    static int randomAllowed(boolean[] mask, Rng rng) {
        int n = 0;
        for (boolean b : mask) {
            if (b) n++;
        }
        int pick = rng.nextInt(n);
        for (int a = 0; a < mask.length; a++) {
            if (mask[a] && pick-- == 0) {
                return a;
            }
        }
        throw new AssertionError("HOLD is always allowed");
    }

    /** The proposal an ENTER action really sends: both legs at t's marks ± half the bid-ask, size per leg. */
    static TradeProposal realProposal(FundingArbitrageEnv e, int slot, double size) {
        MarketTape tape = e.tape();
        int c = e.opportunityCandidate(slot);
        int lo = tape.candidateLong(c);
        int sh = tape.candidateShort(c);
        int t = e.step();
        double pl = tape.series().mark(lo, t) * (1 + tape.halfSpread(lo, t));
        double ps = tape.series().mark(sh, t) * (1 - tape.halfSpread(sh, t));
        double lev = e.state().entryLeverage();
        return new TradeProposal(List.of(new Leg(tape.instrument(lo), Side.BUY, size / pl, pl, lev, false),
                new Leg(tape.instrument(sh), Side.SELL, size / ps, ps, lev, false)), e.timeMs(), "property");
    }

    @Property(tries = 40)
    void theMaskAllowsExactlyWhatTheRulesAllow(@ForAll long seed) {
        var rng = new Rng(seed);
        EnvConfig c = config(rng);
        var e = env(c, TestMarkets.random(rng, STEPS), rng.split());
        EnvLayout layout = c.layout();
        float[] obs = new float[layout.observationSize()];
        boolean[] mask = new boolean[layout.actionCount()];
        e.reset(obs, 0, mask, 0);
        for (int i = 0; i < 200; i++) {
            FundingState s = e.state();
            var ctx = new RiskContext(s.portfolio(), e.timeMs());
            boolean free = s.activePositions() < Math.min(s.config().maxPositions(), layout.executionSlots());
            assertThat(mask[0]).isTrue();
            for (int a = 1; a < layout.actionCount(); a++) {
                boolean expected;
                if (layout.isEnter(a)) {
                    int slot = layout.enterSlot(a);
                    double size = s.entrySizeUsd(a);
                    expected = e.opportunityCandidate(slot) >= 0 && free && size >= c.minOrderUsd()
                            && s.risk.check(realProposal(e, slot, size), ctx).finalVerdict() instanceof RiskVerdict.Approved;
                } else {
                    expected = s.isActive(layout.exitSlot(a));
                }
                assertThat(mask[a]).as("action %s at step %d", layout.actionNames().get(a), e.step()).isEqualTo(expected);
            }
            e.step(randomAllowed(mask, rng), obs, 0, mask, 0);
            if (e.terminated() || e.truncated()) {
                e.reset(obs, 0, mask, 0);
            }
        }
    }

    @Property(tries = 40)
    void aForbiddenActionIsRefusedAndChangesNothing(@ForAll long seed) {
        var rng = new Rng(seed);
        EnvConfig c = config(rng);
        var e = env(c, TestMarkets.random(rng, STEPS), rng.split());
        EnvLayout layout = c.layout();
        float[] obs = new float[layout.observationSize()];
        boolean[] mask = new boolean[layout.actionCount()];
        e.reset(obs, 0, mask, 0);
        for (int i = 0; i < 100; i++) {
            int forbidden = -1;
            for (int a = rng.nextInt(layout.actionCount()), k = 0; k < layout.actionCount(); k++, a = (a + 1) % layout.actionCount()) {
                if (!mask[a]) {
                    forbidden = a;
                    break;
                }
            }
            if (forbidden >= 0) {
                float[] before = obs.clone();
                double equity = e.state().portfolio().equityUsd();
                int step = e.step();
                int f = forbidden;
                assertThatThrownBy(() -> e.step(f, obs, 0, mask, 0)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(layout.actionNames().get(f));
                assertThat(e.step()).isEqualTo(step);
                assertThat(e.state().portfolio().equityUsd()).isEqualTo(equity);
                assertThat(obs).isEqualTo(before);
            }
            e.step(randomAllowed(mask, rng), obs, 0, mask, 0);
            if (e.terminated() || e.truncated()) {
                e.reset(obs, 0, mask, 0);
            }
        }
    }

    @Property(tries = 40)
    void capitalMarginAndPnlAreConserved(@ForAll long seed) {
        var rng = new Rng(seed);
        EnvConfig c = config(rng);
        var e = env(c, TestMarkets.random(rng, STEPS), rng.split());
        EnvLayout layout = c.layout();
        float[] obs = new float[layout.observationSize()];
        boolean[] mask = new boolean[layout.actionCount()];
        e.reset(obs, 0, mask, 0);
        double closedBefore = e.stats().netPnlUsd();
        for (int i = 0; i < 250; i++) {
            FundingState s = e.state();
            Portfolio p = s.portfolio();
            double tol = 1e-7 * (p.initialCashUsd() + p.feesPaidUsd() + Math.abs(p.realisedPnlUsd()));
            // the account: cash + margin = initial − fees + funding + realised; equity = that + unrealised
            assertThat(p.cashUsd() + p.usedMarginUsd())
                    .isCloseTo(p.initialCashUsd() - p.feesPaidUsd() + p.fundingUsd() + p.realisedPnlUsd(), within(tol));
            assertThat(p.equityUsd()).isCloseTo(p.cashUsd() + p.usedMarginUsd() + p.unrealisedPnlUsd(), within(tol));
            // the environment's own books: closed positions' net P&L + open positions' net P&L = equity − initial
            double open = 0;
            for (int k = 0; k < layout.executionSlots(); k++) {
                if (s.isActive(k)) {
                    open += s.netPnlUsd(k);
                } else {
                    assertThat(p.isOpen(2 * k) || p.isOpen(2 * k + 1)).isFalse();
                }
            }
            assertThat(e.stats().netPnlUsd() - closedBefore + open).isCloseTo(p.equityUsd() - p.initialCashUsd(), within(tol));
            // the observation tells the same story
            assertThat((double) obs[ObservationLayout.indexOf(layout, "portfolio.capital_ratio")])
                    .isCloseTo(p.equityUsd() / p.initialCashUsd(), within(1e-5));
            e.step(randomAllowed(mask, rng), obs, 0, mask, 0);
            if (e.terminated() || e.truncated()) {
                e.reset(obs, 0, mask, 0);
                closedBefore = e.stats().netPnlUsd();
            }
        }
    }

    @Property(tries = 25)
    void noObservationUsesFutureData(@ForAll long seed) {
        var rng = new Rng(seed);
        EnvConfig c = config(rng);
        MarketSeries series = TestMarkets.random(rng, STEPS);
        int cut = rng.nextInt(120, STEPS - 20);
        MarketSeries changed = series.withFutureReplaced(cut, rng.split());
        MarketTape a = MarketTape.build(series, c);
        MarketTape b = MarketTape.build(changed, c);
        int width = c.layout().opportunitySlots() * EnvLayout.OPPORTUNITY_FEATURES;
        float[] blockA = new float[width];
        float[] blockB = new float[width];
        int valid = 0;
        for (int t = 0; t < cut; t++) {
            valid += a.validCount(t);
            a.copyOpportunities(t, blockA, 0);
            b.copyOpportunities(t, blockB, 0);
            assertThat(blockB).as("opportunities at step %d (future changed from %d)", t, cut).isEqualTo(blockA);
        }
        assertThat(valid).as("the comparison must cover real opportunities").isPositive();
        // the same episode and actions on both: every observation and mask before the cut is identical
        long envSeed = rng.nextLong();
        TradingConfig cfg = TradingConfig.sampleRandom(rng);
        int hours = 72;
        int start = rng.nextInt(a.warmupSteps(), Math.min(cut - 1, STEPS - hours - 2));
        var ea = new FundingArbitrageEnv(c, new ReplayMarket(a, 0, a.steps()), EpisodeSampler.fixed(cfg, 72, 168), new Rng(envSeed));
        var eb = new FundingArbitrageEnv(c, new ReplayMarket(b, 0, b.steps()), EpisodeSampler.fixed(cfg, 72, 168), new Rng(envSeed));
        float[] oa = new float[c.layout().observationSize()];
        float[] ob = new float[c.layout().observationSize()];
        boolean[] ma = new boolean[c.layout().actionCount()];
        boolean[] mb = new boolean[c.layout().actionCount()];
        ea.resetAt(a, start, cfg, hours, oa, 0, ma, 0);
        eb.resetAt(b, start, cfg, hours, ob, 0, mb, 0);
        var actions = new Rng(envSeed);
        while (ea.step() < cut && !ea.terminated() && !ea.truncated()) {
            assertThat(ob).as("observation at step %d (future changed from %d)", ea.step(), cut).isEqualTo(oa);
            assertThat(Arrays.equals(ma, mb)).isTrue();
            int action = randomAllowed(ma, actions);
            ea.step(action, oa, 0, ma, 0);
            eb.step(action, ob, 0, mb, 0);
        }
    }
}
