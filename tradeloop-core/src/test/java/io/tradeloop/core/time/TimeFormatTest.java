package io.tradeloop.core.time;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeFormatTest {
    @Test
    void parsesTheLayoutsTheDataUses() {
        assertThat(TimeFormat.parse("2023-06-01T08:00:00Z")).isEqualTo(1_685_606_400_000L);
        assertThat(TimeFormat.parse("2023-06-01 08:00:00")).isEqualTo(1_685_606_400_000L);
        assertThat(TimeFormat.parse("2023-06-01")).isEqualTo(1_685_577_600_000L);
        assertThat(TimeFormat.parse("1685606400")).isEqualTo(1_685_606_400_000L);
        assertThat(TimeFormat.parse("1685606400000")).isEqualTo(1_685_606_400_000L);
        assertThat(TimeFormat.iso(1_685_606_400_000L)).isEqualTo("2023-06-01T08:00:00Z");
        assertThatThrownBy(() -> TimeFormat.parse("yesterday")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TimeFormat.parse("2023-02-30T00:00:00Z")).hasMessageContaining("ISO-8601");
    }

    @Test
    void epochUnitsAreToldApartByDigitCount() {
        // Binance's archive: open time 2024-01-01T00:00Z in ms (13 digits) and, since 2025, in µs (16 digits).
        assertThat(TimeFormat.parse("1704067200000")).isEqualTo(1_704_067_200_000L);
        assertThat(TimeFormat.parse("1704067200000000")).isEqualTo(1_704_067_200_000L);
        assertThat(TimeFormat.parse("1704067200000123456")).isEqualTo(1_704_067_200_000L);
        assertThat(TimeFormat.epochDigitsToMillis(1_704_067_200_999_999L, 16)).isEqualTo(1_704_067_200_999L);
        assertThat(TimeFormat.digits(0)).isEqualTo(1);
        assertThat(TimeFormat.digits(1_704_067_200_000L)).isEqualTo(13);
    }

    @Test
    void simulatedClockNeverGoesBack() {
        var c = new SimulatedClock(10);
        c.advanceTo(20);
        assertThat(c.nowMs()).isEqualTo(20);
        assertThatThrownBy(() -> c.advanceTo(19)).isInstanceOf(IllegalStateException.class);
    }
}
