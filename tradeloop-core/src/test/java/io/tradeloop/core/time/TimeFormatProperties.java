package io.tradeloop.core.time;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The allocation-free ISO fast path agrees with java.time on every second from 1900 to 2200. */
class TimeFormatProperties {
    @Property(tries = 2000)
    void fastIsoPathAgreesWithJavaTime(@ForAll @LongRange(min = -2_208_988_800L, max = 7_258_118_399L) long epochSecond) {
        String iso = Instant.ofEpochSecond(epochSecond).toString(); // yyyy-MM-ddTHH:mm:ssZ (no fraction at whole seconds)
        long expected = OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        assertThat(TimeFormat.parse(iso)).isEqualTo(expected);
        assertThat(TimeFormat.parse(iso.substring(0, 19).replace('T', ' '))).isEqualTo(expected);
    }
}
