package io.tradeloop.rl.env.funding;

import io.tradeloop.core.portfolio.Portfolio;
import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Serving and training cannot drift: the state rebuilt from plain records of what an environment shows gives
 * the same observation and the same mask as the environment itself, step after step.
 */
class FundingSnapshotsTest {
    @Test
    void recordsOfTheEnvironmentGiveItsObservationAndMask() {
        EnvConfig c = EnvConfig.defaults().withEntryLeverage(TradingConfig.EntryLeverage.MAX_LEVERAGE);
        MarketTape tape = MarketTape.build(TestMarkets.random(new Rng(12), 500), c);
        var env = new FundingArbitrageEnv(c, new ReplayMarket(tape, 0, tape.steps()), EpisodeSampler.fixed(TradingConfig.defaults(), 168, 168), new Rng(3));
        float[] obs = new float[275];
        boolean[] mask = new boolean[36];
        var cfg = new TradingConfig(3, 0.8, 4, -0.03, 0.2);
        env.resetAt(tape, 100, cfg, 168, obs, 0, mask, 0);
        Rng rng = new Rng(5);
        int checkedWithPositions = 0;
        for (int step = 0; step < 160; step++) {
            FundingState s = env.state();
            Portfolio p = s.portfolio();
            List<FundingSnapshots.PositionSnapshot> positions = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                if (s.isActive(k)) {
                    positions.add(new FundingSnapshots.PositionSnapshot(k, tape.series().leg(env.positionLongLeg(k)).name(),
                            tape.series().leg(env.positionShortLeg(k)).name(), s.sizeUsd[k], p.leverage(2 * k), p.entryPrice(2 * k),
                            p.entryPrice(2 * k + 1), p.markPrice(2 * k), p.markPrice(2 * k + 1), s.longRate8h[k], s.shortRate8h[k],
                            p.fundingUsd(2 * k) + p.fundingUsd(2 * k + 1), p.feesUsd(2 * k) + p.feesUsd(2 * k + 1), s.entryFeesUsd[k],
                            s.hoursElapsed - s.entryHour[k], s.entrySpreadPct[k]));
                }
            }
            List<Opportunity> opps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Opportunity o = tape.opportunityAt(env.step(), i);
                if (o != null) {
                    opps.add(o);
                }
            }
            var account = new FundingSnapshots.PortfolioSnapshot(s.initialCapital, p.cashUsd(), s.maxDrawdown, s.hoursElapsed, s.episodeHours, env.timeMs());
            FundingState served = FundingSnapshots.state(c, cfg, account, positions, opps);
            float[] o2 = new float[275];
            boolean[] m2 = new boolean[36];
            served.writeObservation(o2, 0);
            served.writeMask(m2, 0);
            for (int k = 0; k < 275; k++) {
                assertThat((double) o2[k]).as("feature %d at step %d", k, step).isCloseTo(obs[k], within(1e-4 + 1e-5 * Math.abs(obs[k])));
            }
            assertThat(m2).as("mask at step %d", step).isEqualTo(mask);
            if (!positions.isEmpty()) {
                checkedWithPositions++;
            }
            int a;
            do {
                a = rng.nextInt(36);
            } while (!mask[a] || (a >= 31 && rng.nextDouble() < 0.8)); // favour holding positions for a while
            env.step(a, obs, 0, mask, 0);
            if (env.terminated() || env.truncated()) {
                break;
            }
        }
        assertThat(checkedWithPositions).isGreaterThan(50);
    }

    @Test
    void moreOpportunitiesThanSlotsAreRankedAndInvalidOnesDropped() {
        EnvConfig c = EnvConfig.simple();
        Opportunity weak = opp("a:XUSDT", "b:XUSDT", 0.0001, 0.0002, 0.0001);
        Opportunity strong = opp("c:XUSDT", "d:XUSDT", 0.0001, 0.0004, 0.0003);
        Opportunity backwards = opp("e:XUSDT", "f:XUSDT", 0.0004, 0.0001, 0.0005); // pays: short rate below long rate
        assertThat(FundingSnapshots.ranked(c, List.of(weak, backwards, strong))).containsExactly(strong);
        var s = FundingSnapshots.state(c, TradingConfig.simple(), new FundingSnapshots.PortfolioSnapshot(10_000, 10_000, 0, 0, 72, 0),
                List.of(), List.of(weak, backwards, strong));
        float[] o = new float[47];
        boolean[] m = new boolean[3];
        s.writeObservation(o, 0);
        s.writeMask(m, 0);
        assertThat(o[ObservationLayout.indexOf(c.layout(), "opportunities[0].fund_profit_8h")]).isCloseTo(3f, within(1e-5f));
        assertThat(m).containsExactly(true, true, false);
    }

    static Opportunity opp(String lo, String sh, double longRate, double shortRate, double avg24h) {
        return new Opportunity("X", lo, sh, longRate, shortRate, 8, 8, avg24h, avg24h, 1, 1, 1, 0.5, 1e9, 0.001, 0.001, 1e7, 0.001, 0.001);
    }
}
