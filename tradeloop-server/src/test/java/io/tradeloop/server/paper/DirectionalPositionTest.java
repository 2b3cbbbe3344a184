package io.tradeloop.server.paper;

import io.tradeloop.core.instrument.Instrument;
import io.tradeloop.core.order.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A directional paper account's round trips, worked by hand: 2 bps slippage, 0.1% taker fee per side. */
class DirectionalPositionTest {
    static final Instrument BTC = Instrument.linearPerp("coinbase", "BTC").withFees(0.0005, 0.001);

    @Test
    void longRoundTripWorkedByHand() {
        var p = new DirectionalPosition(10_000, BTC, 2);
        var in = p.open("a1", Side.BUY, 0.1, 20_000, 1, 0);
        // buy fills 2 bps higher: 20,000 × 1.0002 = 20,004; fee 0.1 × 20,004 × 0.001 = 2.0004
        assertThat(in.price()).isCloseTo(20_004, within(1e-9));
        assertThat(in.feeUsd()).isCloseTo(2.0004, within(1e-9));
        assertThat(p.side()).isEqualTo(1);
        p.mark(21_000);
        // open: 0.1 × (21,000 − 20,004) − 2.0004 = 97.5996
        assertThat(p.tradeNetUsd()).isCloseTo(97.5996, within(1e-9));
        var out = p.close("a2", 21_000, 1);
        // sell fills 2 bps lower: 21,000 × 0.9998 = 20,995.8; fee 0.1 × 20,995.8 × 0.001 = 2.09958
        assertThat(out.side()).isEqualTo(Side.SELL);
        assertThat(out.price()).isCloseTo(20_995.8, within(1e-9));
        assertThat(out.feeUsd()).isCloseTo(2.09958, within(1e-9));
        // net = 0.1 × (20,995.8 − 20,004) − 2.0004 − 2.09958 = 99.18 − 4.09998 = 95.08002
        assertThat(p.tradeNetUsd()).isCloseTo(95.08002, within(1e-9));
        assertThat(p.side()).isZero();
        assertThat(p.equityUsd()).isCloseTo(10_095.08002, within(1e-9));
        assertThat(p.cashUsd()).isCloseTo(10_095.08002, within(1e-9));
        p.resetTrade();
        assertThat(p.tradeNetUsd()).isZero();
    }

    @Test
    void shortRoundTripWorkedByHand() {
        var p = new DirectionalPosition(10_000, BTC, 2);
        var in = p.open("a1", Side.SELL, 0.1, 20_000, 1, 0);
        // sell fills 2 bps lower: 19,996; fee 1.9996
        assertThat(in.price()).isCloseTo(19_996, within(1e-9));
        assertThat(in.feeUsd()).isCloseTo(1.9996, within(1e-9));
        assertThat(p.side()).isEqualTo(-1);
        assertThat(p.qty()).isCloseTo(-0.1, within(1e-12));
        var out = p.close("a2", 19_000, 1);
        // buy back 2 bps higher: 19,003.8; fee 1.90038
        assertThat(out.side()).isEqualTo(Side.BUY);
        assertThat(out.price()).isCloseTo(19_003.8, within(1e-9));
        assertThat(out.feeUsd()).isCloseTo(1.90038, within(1e-9));
        // net = 0.1 × (19,996 − 19,003.8) − 1.9996 − 1.90038 = 99.22 − 3.89998 = 95.32002
        assertThat(p.tradeNetUsd()).isCloseTo(95.32002, within(1e-9));
        assertThat(p.equityUsd()).isCloseTo(10_095.32002, within(1e-9));
    }

    @Test
    void aLosingShortAndItsReplayBookTheSameAccount() {
        var live = new DirectionalPosition(10_000, BTC, 0);
        var in = live.open("a1", Side.SELL, 0.2, 20_000, 2, 0);
        var out = live.close("a2", 20_500, 1);
        // no slippage: net = 0.2 × (20,000 − 20,500) − 0.2 × 20,000 × 0.001 − 0.2 × 20,500 × 0.001 = −100 − 4 − 4.1 = −108.1
        assertThat(live.tradeNetUsd()).isCloseTo(-108.1, within(1e-9));
        var replayed = new DirectionalPosition(10_000, BTC, 0);
        replayed.replay(in.side(), in.qty(), in.price(), in.feeUsd(), in.leverage());
        replayed.replay(out.side(), out.qty(), out.price(), out.feeUsd(), out.leverage());
        assertThat(replayed.equityUsd()).isEqualTo(live.equityUsd());
        assertThat(replayed.tradeNetUsd()).isEqualTo(live.tradeNetUsd());
    }

    @Test
    void oneDirectionalPositionAtATime() {
        var p = new DirectionalPosition(10_000, BTC, 0);
        assertThatThrownBy(() -> p.close("a0", 20_000, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no BTC");
        p.open("a1", Side.BUY, 0.1, 20_000, 1, 0);
        assertThatThrownBy(() -> p.open("a2", Side.SELL, 0.1, 20_000, 1, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds");
    }
}
