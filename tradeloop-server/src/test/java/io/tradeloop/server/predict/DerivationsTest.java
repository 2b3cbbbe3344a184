package io.tradeloop.server.predict;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DerivationsTest {
    @Test
    void aRuleAppliedToManyItemsIsReportedOnceWithRanges() {
        assertThat(Derivations.ranges(List.of(0, 1, 2, 5))).isEqualTo("0-2,5");
        assertThat(Derivations.ranges(List.of(3))).isEqualTo("3");
        assertThat(Derivations.ranges(List.of(0, 2, 4, 5, 6, 9))).isEqualTo("0,2,4-6,9");
        var d = new Derivations();
        d.add("portfolio.initial_capital", "total_capital");
        for (int i : new int[] {0, 1, 2, 7}) d.add(new Derivations.At("opportunities", i), "fund_apr", "fund_profit_8h x 1095");
        d.add(new Derivations.At("opportunities", 1), "bid_ask_spread_pct", "0.02");
        assertThat(d.render()).containsExactly("portfolio.initial_capital = total_capital",
                "opportunities[0-2,7].fund_apr = fund_profit_8h x 1095", "opportunities[1].bid_ask_spread_pct = 0.02");
    }
}
