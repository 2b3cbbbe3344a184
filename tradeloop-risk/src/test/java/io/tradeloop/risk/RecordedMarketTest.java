package io.tradeloop.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecordedMarketTest {
    @Test
    void recordsReturnsPerInstrumentInARing() {
        var m = new RecordedMarket(2);
        m.onClose("a", 100, 1);
        assertThat(m.returns("a")).isNull(); // one close is no return yet
        m.onClose("a", 110, 2);              // +10%
        m.onClose("b", 50, 2);
        m.onClose("a", 99, 3);               // −10%
        m.onClose("a", 99, 4);               // 0, pushes +10% out of the ring of 2
        assertThat(m.returns("a").size()).isEqualTo(2);
        assertThat(m.returns("a").newest(0)).isCloseTo(0.0, within(1e-12));
        assertThat(m.returns("a").newest(1)).isCloseTo(-0.1, within(1e-12));
        assertThat(m.lastDataTimeMs()).isEqualTo(4);
    }
}
