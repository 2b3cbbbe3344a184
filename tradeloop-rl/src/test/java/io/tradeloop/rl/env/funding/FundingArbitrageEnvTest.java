package io.tradeloop.rl.env.funding;

import io.tradeloop.core.random.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every observation feature and reward component against a hand-worked scenario (arithmetic in the comments).
 *
 * <p>Market ({@link TestMarkets#twoLegs}): leg "lo" at 100 funds 1 bp per 8 h, leg "hi" at 100.1 funds 3 bp per 8 h,
 * both settling at every 8th hour; volume 5e8 USD; bid-ask fixed at 0.02% (half-spread 0.0001); fee 0.1% per side.
 * Config: leverage 2, utilisation 0.5, 2 positions, stop −2%, buffer 0.15; capital 10,000; the episode starts at
 * step 80 (hour 80) and lasts 72 h.
 */
class FundingArbitrageEnvTest {
    static final TradingConfig CFG = new TradingConfig(2, 0.5, 2, -0.02, 0.15);
    static final double TOL = 2e-5;

    final EnvConfig envConfig = TestMarkets.handConfig();
    final EnvLayout layout = envConfig.layout();
    final float[] obs = new float[layout.observationSize()];
    final boolean[] mask = new boolean[layout.actionCount()];

    FundingArbitrageEnv env(MarketSeries series) {
        MarketTape tape = MarketTape.build(series, envConfig);
        var e = new FundingArbitrageEnv(envConfig, new ReplayMarket(tape, 0, tape.steps()), EpisodeSampler.fixed(CFG, 72, 72), new Rng(1));
        e.resetAt(tape, 80, CFG, 72, obs, 0, mask, 0);
        return e;
    }

    float f(String name) {
        return obs[ObservationLayout.indexOf(layout, name)];
    }

    @Test
    void observationAndMaskAtResetByHand() {
        env(TestMarkets.flatTwoLegs(200));
        assertThat(obs).hasSize(275);
        assertThat(mask).hasSize(36);
        // config block, as given
        assertThat(f("config.max_leverage")).isEqualTo(2f);
        assertThat(f("config.target_utilization")).isEqualTo(0.5f);
        assertThat(f("config.max_positions")).isEqualTo(2f);
        assertThat(f("config.stop_loss_threshold")).isEqualTo(-0.02f);
        assertThat(f("config.liquidation_buffer")).isEqualTo(0.15f);
        // flat account: equity = cash = initial
        assertThat(f("portfolio.capital_ratio")).isEqualTo(1f);
        assertThat(f("portfolio.available_ratio")).isEqualTo(1f);
        assertThat(f("portfolio.used_margin_ratio")).isZero();
        assertThat(f("portfolio.num_positions_ratio")).isZero();
        assertThat(f("portfolio.avg_position_pnl_pct")).isZero();
        assertThat(f("portfolio.portfolio_total_pnl_pct")).isZero();
        assertThat(f("portfolio.max_drawdown_pct")).isZero();
        assertThat(f("portfolio.episode_progress")).isZero();
        assertThat(f("portfolio.min_liquidation_distance")).isEqualTo(1f); // flat: 1 by definition
        assertThat(f("portfolio.capital_utilization")).isZero();
        for (int k = 0; k < 5; k++) {
            assertThat(f("executions[" + k + "].is_active")).isZero();
        }
        // the one valid opportunity: long "lo", short "hi"
        assertThat(f("opportunities[0].is_valid")).isEqualTo(1f);
        assertThat(f("opportunities[0].long_funding_rate")).isCloseTo(1f, within(1e-5f)); // 0.0001 × 1e4
        assertThat(f("opportunities[0].short_funding_rate")).isCloseTo(3f, within(1e-5f)); // 0.0003 × 1e4
        assertThat(f("opportunities[0].long_funding_interval_norm")).isEqualTo(1f); // 8 h / 8
        assertThat(f("opportunities[0].short_funding_interval_norm")).isEqualTo(1f);
        assertThat(f("opportunities[0].fund_profit_8h")).isCloseTo(2f, within(1e-5f)); // (3 − 1) bp
        assertThat(f("opportunities[0].fund_profit_8h_24h_proj")).isCloseTo(2f, within(1e-5f)); // constant for 80 h
        assertThat(f("opportunities[0].fund_profit_8h_3d_proj")).isCloseTo(2f, within(1e-5f));
        assertThat(f("opportunities[0].fund_apr")).isCloseTo(0.219f, within(1e-6f)); // 0.0002 × 3 × 365
        assertThat(f("opportunities[0].fund_apr_24h_proj")).isCloseTo(0.219f, within(1e-6f));
        assertThat(f("opportunities[0].fund_apr_3d_proj")).isCloseTo(0.219f, within(1e-6f));
        // spread (100.1 − 100) / 100.05 × 1e4 = 9.995002 bp at every step, so every mean is that and the std 0
        assertThat(f("opportunities[0].spread_30_sample_avg")).isCloseTo(9.995002f, within(1e-4f));
        assertThat(f("opportunities[0].price_spread_24h_avg")).isCloseTo(9.995002f, within(1e-4f));
        assertThat(f("opportunities[0].price_spread_3d_avg")).isCloseTo(9.995002f, within(1e-4f));
        assertThat(f("opportunities[0].spread_volatility_stddev")).isCloseTo(0f, within(1e-3f));
        assertThat(f("opportunities[0].volume_24h_log")).isCloseTo(8.698970f, within(1e-5f)); // log10(5e8)
        assertThat(f("opportunities[0].bid_ask_spread_pct")).isCloseTo(0.02f, within(1e-7f)); // the fixed model
        // depth = 0.01 × 5e8 × 0.005 / max(σ = 0, 1e-4) = 2.5e8 → log10 = 8.397940
        assertThat(f("opportunities[0].orderbook_depth_log")).isCloseTo(8.397940f, within(1e-5f));
        // cost = 2 × (0.001 + 0.001) × 100 + 0.02 + 0.02 = 0.44%; estimate = 3 × 0.0002 × 100 − 0.44 = −0.38%
        assertThat(f("opportunities[0].position_cost_pct")).isCloseTo(0.44f, within(1e-6f));
        assertThat(f("opportunities[0].estimated_profit_pct")).isCloseTo(-0.38f, within(1e-6f));
        for (int i = 1; i < 10; i++) {
            assertThat(f("opportunities[" + i + "].is_valid")).isZero(); // "hi" long / "lo" short earns −2 bp: not valid
        }
        // mask: HOLD and the three sizes of opportunity 0 (max_size = 10,000 × 0.5 / 2 = 2,500: 250, 500, 750 all fit)
        for (int a = 0; a < 36; a++) {
            assertThat(mask[a]).as("action %d", a).isEqualTo(a == 0 || a == 1 || a == 11 || a == 21);
        }
    }

    @Test
    void entryRewardAndExecutionFeaturesByHand() {
        var e = env(TestMarkets.flatTwoLegs(200));
        // ENTER_OPP_0_LARGE: size = 0.3 × 2,500 = 750 USD per leg at leverage 2
        assertThat(e.state().entrySizeUsd(21)).isCloseTo(750, within(1e-9));
        double r = e.step(21, obs, 0, mask, 0);
        // long buys at 100 × 1.0001 = 100.01, q = 750 / 100.01; short sells at 100.1 × 0.9999 = 100.08999, q = 750 / 100.08999;
        // fees 0.75 + 0.75; margin 375 + 375; cash 10,000 − 750 − 1.5 = 9,248.5.
        // Marked at the mids: long −7.5 / 100.01 = −0.0749925, short −750 × 0.01001 / 100.08999 = −0.0750075.
        // equity 10,000 − 1.5 − 0.15 = 9,998.35; P&L% = −0.0165 → 3 × −0.0165 = −0.0495;
        // entry fee 1.5 / 750 × 100 = 0.2% → −3 × 0.2 = −0.6; distance 0.4499 > 0.15, no stop → reward −0.6495
        assertThat(r).isCloseTo(-0.6495, within(1e-7));
        assertThat(f("portfolio.capital_ratio")).isCloseTo(0.999835f, within(1e-6f)); // 9,998.35 / 10,000
        assertThat(f("portfolio.available_ratio")).isCloseTo(0.9250026f, within(1e-6f)); // 9,248.5 / 9,998.35
        assertThat(f("portfolio.used_margin_ratio")).isCloseTo(0.0750124f, within(1e-6f)); // 750 / 9,998.35
        assertThat(f("portfolio.num_positions_ratio")).isEqualTo(0.5f); // 1 / 2
        assertThat(f("portfolio.avg_position_pnl_pct")).isCloseTo(-0.22f, within(1e-5f)); // −1.65 / 750 × 100
        assertThat(f("portfolio.portfolio_total_pnl_pct")).isCloseTo(-0.0165f, within(1e-6f));
        assertThat(f("portfolio.max_drawdown_pct")).isCloseTo(-0.0165f, within(1e-6f)); // (9,998.35 / 10,000 − 1) × 100
        assertThat(f("portfolio.episode_progress")).isCloseTo(1f / 72, within(1e-7f));
        // liquidation: long 100.01 × (1 − 0.9 / 2) = 55.0055 → (100 − 55.0055) / 100 = 0.449945;
        // short 100.08999 × 1.45 = 145.1304855 → (145.1304855 − 100.1) / 100.1 = 0.449855 (the minimum)
        assertThat(f("portfolio.min_liquidation_distance")).isCloseTo(0.449855f, within(1e-6f));
        assertThat(f("portfolio.capital_utilization")).isCloseTo(0.0750124f, within(1e-6f)); // 750 / 9,998.35
        assertThat(f("executions[0].is_active")).isEqualTo(1f);
        assertThat(f("executions[0].net_pnl_pct")).isCloseTo(-0.22f, within(1e-5f));
        assertThat(f("executions[0].hours_held_norm")).isCloseTo(1f / 72, within(1e-7f));
        assertThat(f("executions[0].net_funding_ratio")).isZero();
        assertThat(f("executions[0].net_funding_rate")).isCloseTo(2f, within(1e-5f)); // 3 − 1 bp per 8 h
        assertThat(f("executions[0].current_spread_pct")).isCloseTo(0.09995f, within(1e-6f)); // 0.1 / 100.05 × 100
        assertThat(f("executions[0].entry_spread_pct")).isCloseTo(0.09995f, within(1e-6f));
        // mean leg notional (749.925 + 750.075) / 2 = 750 → 750 / 9,998.35
        assertThat(f("executions[0].value_to_capital_ratio")).isCloseTo(0.0750124f, within(1e-6f));
        assertThat(f("executions[0].funding_efficiency")).isZero();
        assertThat(f("executions[0].long_pnl_pct")).isCloseTo(-0.009999f, within(1e-6f)); // (100 − 100.01) / 100.01 × 100
        assertThat(f("executions[0].short_pnl_pct")).isCloseTo(-0.010001f, within(1e-6f)); // (100.08999 − 100.1) / 100.08999 × 100
        assertThat(f("executions[0].liquidation_distance_pct")).isCloseTo(0.449855f, within(1e-6f));
        assertThat(f("executions[1].is_active")).isZero();
        // one slot used of two: entries still allowed (max_size = 9,248.5 × 0.5 / 2 = 2,312.125), EXIT_POS_0 allowed
        assertThat(mask[21]).isTrue();
        assertThat(mask[31]).isTrue();
        assertThat(mask[32]).isFalse();
        assertThat(e.state().entrySizeUsd(1)).isCloseTo(231.2125, within(1e-9));

        // hold to hour 88, a settlement: long pays 749.925 × 1 bp = 0.0749925, short receives 750.075 × 3 bp = 0.2250225
        for (int h = 82; h < 88; h++) {
            assertThat(e.step(0, obs, 0, mask, 0)).isCloseTo(0, within(1e-12)); // flat marks, no funding
        }
        r = e.step(0, obs, 0, mask, 0);
        // funding +0.15003 → 3 × 0.15003 / 10,000 × 100 = 0.0045009
        assertThat(r).isCloseTo(0.0045009, within(1e-7));
        assertThat(f("executions[0].hours_held_norm")).isCloseTo(8f / 72, within(1e-6f));
        assertThat(f("executions[0].net_funding_ratio")).isCloseTo(0.00020004f, within(1e-9f)); // 0.15003 / 750
        assertThat(f("executions[0].funding_efficiency")).isCloseTo(0.100020f, within(1e-6f)); // 0.15003 / 1.5
        // (−0.15 + 0.15003 − 1.5) / 750 × 100 = −0.199996
        assertThat(f("executions[0].net_pnl_pct")).isCloseTo(-0.199996f, within(1e-6f));
        assertThat(e.state().portfolio().fundingUsd()).isCloseTo(0.1500300015, within(1e-9));

        // EXIT_POS_0: both legs close at the mid less half the bid-ask and pay 0.1%
        e.step(31, obs, 0, mask, 0);
        assertThat(f("executions[0].is_active")).isZero();
        assertThat(e.stats().closed()).isEqualTo(1);
        assertThat(e.stats().agentExits()).isEqualTo(1);
        assertThat(e.stats().wins()).isZero();
        assertThat(e.stats().holdHours()).isEqualTo(8);
        assertThat(e.state().portfolio().usedMarginUsd()).isCloseTo(0, within(1e-9));
        assertThat(e.state().portfolio().equityUsd()).isCloseTo(e.state().portfolio().cashUsd(), within(1e-9));
    }

    @Test
    void liquidationProximityPenaltyByHand() {
        // both legs drop 40% at hour 90 (100 → 60, 100.1 → 60.06): the hedge holds but the long leg nears liquidation
        var e = env(TestMarkets.twoLegs(200, t -> t >= 90 ? 60 : 100, t -> t >= 90 ? 60.06 : 100.1, t -> Double.NaN));
        e.step(21, obs, 0, mask, 0);
        for (int h = 82; h < 90; h++) {
            e.step(0, obs, 0, mask, 0);
        }
        double r = e.step(0, obs, 0, mask, 0);
        // long: (60 − 55.0055) / 60 = 0.0832417 → −20 × (0.15 − 0.0832417) = −1.3351667;
        // P&L: long 750/100.01 × (60 − 100) = −299.970003, short 750/100.08999 × 40.04 = +300.030003 → +0.06 → 3 × 0.0006 = 0.0018
        assertThat(r).isCloseTo(-1.3333667, within(1e-6));
        assertThat(f("portfolio.min_liquidation_distance")).isCloseTo(0.0832417f, within(1e-6f));
        assertThat(f("executions[0].liquidation_distance_pct")).isCloseTo(0.0832417f, within(1e-6f));
        assertThat(RewardSpec.contract().liquidationPenalty(0.15)).isZero();
        assertThat(RewardSpec.contract().liquidationPenalty(0.05)).isCloseTo(-2.0, within(1e-12)); // −20 × 0.10
    }

    @Test
    void stopLossClosesThePositionAndCostsTwo() {
        // the long leg alone drops to 97 at hour 85: net = 750/100.01 × (97 − 100.01) − 0.075 − 1.5 = −24.148 → −3.22% < −2%
        var e = env(TestMarkets.twoLegs(200, t -> t >= 85 ? 97 : 100, t -> 100.1, t -> Double.NaN));
        e.step(21, obs, 0, mask, 0);
        for (int h = 82; h < 85; h++) {
            e.step(0, obs, 0, mask, 0);
        }
        double r = e.step(0, obs, 0, mask, 0);
        // step P&L: mark move 750/100.01 × −3 = −22.49775; exit: long sells at 97 × 0.9999 (−0.07274) paying 0.72735,
        // short buys at 100.1 × 1.0001 (−0.07501) paying 0.75015 → −24.12300 → 3 × −0.24123 = −0.72369; − 2 → −2.72369
        assertThat(r).isCloseTo(-2.7236901, within(1e-6));
        assertThat(e.stats().stopLosses()).isEqualTo(1);
        assertThat(f("executions[0].is_active")).isZero();
        assertThat(mask[31]).isFalse();
    }

    @Test
    void aLiquidatedLegLosesItsWholeMarginAndTheOtherLegIsClosed() {
        // marks 60/60.06 from hour 90; at hour 95 the long leg's low touches 50, under its liquidation price 55.0055
        var e = env(TestMarkets.twoLegs(200, t -> t >= 90 ? 60 : 100, t -> t >= 90 ? 60.06 : 100.1, t -> t == 95 ? 50 : Double.NaN));
        e.step(21, obs, 0, mask, 0);
        while (e.step() < 95) {
            e.step(0, obs, 0, mask, 0);
        }
        assertThat(e.stats().liquidations()).isEqualTo(1);
        assertThat(f("executions[0].is_active")).isZero();
        var p = e.state().portfolio();
        // long book: realised 750/100.01 × (55.0055 − 100.01) = −750 × 0.45 = −337.5; liquidation fee = margin 375 − 337.5 = 37.5
        assertThat(p.realisedPnlUsd(0)).isCloseTo(-337.5, within(1e-9));
        assertThat(p.feesUsd(0)).isCloseTo(0.75 + 37.5, within(1e-9));
        assertThat(p.usedMarginUsd()).isCloseTo(0, within(1e-9));
    }

    @Test
    void drawdownBeyondTheLimitTerminates() {
        var cfg = envConfig.withMaxDrawdown(0.005);
        MarketTape tape = MarketTape.build(TestMarkets.twoLegs(200, t -> t >= 90 ? 60 : 100, t -> t >= 90 ? 60.06 : 100.1,
                t -> t == 95 ? 50 : Double.NaN), cfg);
        var e = new FundingArbitrageEnv(cfg, new ReplayMarket(tape, 0, 200), EpisodeSampler.fixed(CFG, 72, 72), new Rng(1));
        e.resetAt(tape, 80, CFG, 72, obs, 0, mask, 0);
        e.step(21, obs, 0, mask, 0);
        while (!e.terminated()) {
            assertThat(e.step()).as("equity %s, drawdown %s, liquidations %s", e.state().portfolio().equityUsd(),
                    e.state().drawdown(), e.stats().liquidations()).isLessThan(95);
            e.step(0, obs, 0, mask, 0);
        }
        // before hour 95 equity ≈ 10,000 − 1.65 + 0.15 (funding) + 0.06 (the drop) = 9,998.56, never above 10,000.
        // At 95 the long leg, marked at 60 (−300.04), is liquidated at 55.0055 losing its whole margin (−375): −74.96 more;
        // the short leg closes at 60.06 × 1.0001 paying 0.45 + 0.045 → equity 9,923.11, drawdown 76.89 / 10,000 = 0.769% ≥ 0.5%
        assertThat(e.step()).isEqualTo(95);
        assertThat(e.state().portfolio().equityUsd()).isCloseTo(9923.11, within(0.01));
        assertThat(e.state().drawdown()).isCloseTo(0.007689, within(1e-6));
        assertThat(e.truncated()).isFalse();
        assertThatThrownBy(() -> e.step(0, obs, 0, mask, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
    }

    @Test
    void theEpisodeIsTruncatedAfterItsLength() {
        var e = env(TestMarkets.flatTwoLegs(200));
        for (int i = 0; i < 71; i++) {
            e.step(0, obs, 0, mask, 0);
            assertThat(e.truncated()).isFalse();
        }
        e.step(0, obs, 0, mask, 0);
        assertThat(e.truncated()).isTrue();
        assertThat(e.terminated()).isFalse();
        assertThat(f("portfolio.episode_progress")).isEqualTo(1f); // 72 / 72
    }

    @Test
    void aForbiddenActionIsRefusedWithItsName() {
        var e = env(TestMarkets.flatTwoLegs(200));
        assertThatThrownBy(() -> e.step(2, obs, 0, mask, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ENTER_OPP_1_SMALL").hasMessageContaining("not allowed");
        assertThatThrownBy(() -> e.step(31, obs, 0, mask, 0)).hasMessageContaining("EXIT_POS_0");
        assertThatThrownBy(() -> e.step(36, obs, 0, mask, 0)).hasMessageContaining("outside [0, 35]");
        assertThat(e.state().activePositions()).isZero();
    }

    @Test
    void sizesFollowThePlanExample() {
        // plan: available 10,000, utilisation 0.6, 5 positions → max 1,200; SMALL 120, MEDIUM 240, LARGE 360
        var cfg = new TradingConfig(1, 0.6, 5, -0.02, 0.15);
        MarketTape tape = MarketTape.build(TestMarkets.flatTwoLegs(200), envConfig);
        var e = new FundingArbitrageEnv(envConfig, new ReplayMarket(tape, 0, 200), EpisodeSampler.fixed(cfg, 72, 72), new Rng(1));
        e.resetAt(tape, 80, cfg, 72, obs, 0, mask, 0);
        assertThat(e.state().maxPositionSizeUsd()).isCloseTo(1200, within(1e-9));
        assertThat(e.state().entrySizeUsd(1)).isCloseTo(120, within(1e-9));
        assertThat(e.state().entrySizeUsd(11)).isCloseTo(240, within(1e-9));
        assertThat(e.state().entrySizeUsd(21)).isCloseTo(360, within(1e-9));
        assertThat(e.state().entrySizeUsd(0)).isZero();
    }

    @Test
    void theMaskFollowsTheRiskEngine() {
        // leverage 10 with buffer 0.15 under MAX_LEVERAGE: 0.9 / 10 = 0.09 < 0.15, the liquidation-buffer rule refuses every entry
        var risky = new TradingConfig(10, 0.5, 2, -0.02, 0.15);
        MarketTape tape = MarketTape.build(TestMarkets.flatTwoLegs(200), envConfig);
        var e = new FundingArbitrageEnv(envConfig, new ReplayMarket(tape, 0, 200), EpisodeSampler.fixed(risky, 72, 72), new Rng(1));
        e.resetAt(tape, 80, risky, 72, obs, 0, mask, 0);
        assertThat(mask[1] || mask[11] || mask[21]).isFalse();
        // under BUFFER_CAPPED the same config enters at 0.9 / 0.15 = 6x and passes
        var capped = envConfig.withEntryLeverage(TradingConfig.EntryLeverage.BUFFER_CAPPED);
        MarketTape tape2 = MarketTape.build(TestMarkets.flatTwoLegs(200), capped);
        var e2 = new FundingArbitrageEnv(capped, new ReplayMarket(tape2, 0, 200), EpisodeSampler.fixed(risky, 72, 72), new Rng(1));
        e2.resetAt(tape2, 80, risky, 72, obs, 0, mask, 0);
        assertThat(e2.state().entryLeverage()).isCloseTo(6, within(1e-12));
        assertThat(mask[21]).isTrue();
        // utilisation 1 with 1 position at leverage 1: LARGE = 0.3 × 10,000 = 3,000 per leg → margin 6,000: fits 95% of 10,000.
        // After it, cash 3,994 → max size 3,994; LARGE 1,198.2 → margin 2,396.4; used 6,000 + 2,396.4 = 8,396.4 ≤ 0.95 × ~9,993: allowed;
        // a third LARGE would need more than the cash and the margin limit leave
        var full = new TradingConfig(1, 1.0, 5, -0.02, 0.15);
        var e3 = new FundingArbitrageEnv(envConfig, new ReplayMarket(tape, 0, 200), EpisodeSampler.fixed(full, 72, 72), new Rng(1));
        e3.resetAt(tape, 80, full, 72, obs, 0, mask, 0);
        assertThat(e3.state().maxPositionSizeUsd()).isCloseTo(2000, within(1e-9)); // 10,000 × 1 / 5
        e3.step(21, obs, 0, mask, 0); // 600 per leg, margin 1,200
        int entries = 1;
        while (mask[21]) {
            e3.step(21, obs, 0, mask, 0);
            entries++;
        }
        // each entry locks 2 × 0.3 × cash / 5 = 12% of the cash: never exhausts cash, so it stops at 5 positions
        assertThat(entries).isEqualTo(5);
        assertThat(mask[1]).isFalse(); // no free slot
        for (int k = 0; k < 5; k++) {
            assertThat(mask[31 + k]).isTrue();
        }
    }

    @Test
    void simpleModeHasOneOfEachAndThreeActions() {
        EnvConfig simple = TestMarkets.handConfig().withLayout(EnvLayout.simple());
        MarketTape tape = MarketTape.build(TestMarkets.flatTwoLegs(200), simple);
        float[] o = new float[simple.layout().observationSize()];
        boolean[] m = new boolean[simple.layout().actionCount()];
        var e = new FundingArbitrageEnv(simple, new ReplayMarket(tape, 0, 200), EpisodeSampler.fixed(CFG, 72, 72), new Rng(1));
        e.resetAt(tape, 80, CFG, 72, o, 0, m, 0);
        assertThat(o).hasSize(47); // 5 + 10 + 12 + 20
        assertThat(e.spec().actionNames()).containsExactly("HOLD", "ENTER_OPP_0_LARGE", "EXIT_POS_0");
        assertThat(m).containsExactly(true, true, false);
        assertThat(o[ObservationLayout.indexOf(simple.layout(), "opportunities[0].fund_profit_8h")]).isCloseTo(2f, within(1e-5f));
        e.step(1, o, 0, m, 0);
        // one execution slot: a second entry is masked even though max_positions is 2
        assertThat(m).containsExactly(true, false, true);
        assertThat(o[ObservationLayout.indexOf(simple.layout(), "executions[0].is_active")]).isEqualTo(1f);
    }
}
