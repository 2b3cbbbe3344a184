package io.tradeloop.server.market;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tradeloop.server.market.TestMarkets.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OpportunityScannerTest {
    @Test
    void pairIsDirectedLongTheLowerRateAndItsFieldsAreWorkedByHand() {
        // okx pays 0.0005 per 8 h, binance 0.0001: long binance, short okx.
        var m = TestMarkets.twoVenues(
                tick(20_000, 20_010, 0.0001, 0.0003),
                tick(20_000, 20_010, 0.0001, 0.0004),
                tick(20_000, 20_020, 0.0001, 0.0005),
                tick(20_000, 20_040, 0.0001, 0.0006));
        List<CarryOpportunity> opps = OpportunityScanner.scan(m, 2, 10);
        assertThat(opps).hasSize(1);
        CarryOpportunity o = opps.get(0);
        assertThat(o.key()).isEqualTo("BTC:binance>okx");
        // profit_8h = (0.0005 − 0.0001) × 100 = 0.04 %; APR = 0.04 × 1095 = 43.8 %
        assertThat(o.profit8hPct()).isCloseTo(0.04, within(1e-12));
        assertThat(o.aprPct()).isCloseTo(43.8, within(1e-9));
        // 24 h window (t − 24 h, t] holds ticks 0, 1, 2: differentials 0.0002, 0.0003, 0.0004 → mean 0.0003 → 32.85 %
        assertThat(o.apr24hPct()).isCloseTo(32.85, within(1e-9));
        assertThat(o.apr3dPct()).isCloseTo(32.85, within(1e-9));
        // spread = |20000 − 20020| / 20010 × 100 = 0.0999500...
        assertThat(o.spreadPct()).isCloseTo(20.0 / 20_010 * 100, within(1e-12));
        // volume 5M > 1M: quality 1, score = apr24h
        assertThat(o.score()).isCloseTo(32.85, within(1e-9));
        // No look-ahead: tick 3's higher rate is not in tick 2's projections.
        assertThat(OpportunityScanner.scan(m, 3, 10).get(0).apr24hPct())
                .isCloseTo((0.0003 + 0.0004 + 0.0005) / 3 * 100 * 1095, within(1e-9));
    }

    @Test
    void equalRatesGiveNoOpportunityAndTheLimitCuts() {
        var m = TestMarkets.twoVenues(tick(100, 100, 0.0002, 0.0002));
        assertThat(OpportunityScanner.scan(m, 0, 10)).isEmpty();
        var r = TestMarkets.random(1, 10);
        assertThat(OpportunityScanner.scan(r, 5, 10)).hasSize(3);
        assertThat(OpportunityScanner.scan(r, 5, 2)).hasSize(2);
        var all = OpportunityScanner.scan(r, 5, 10);
        assertThat(all.get(0).score()).isGreaterThanOrEqualTo(all.get(1).score());
    }
}
