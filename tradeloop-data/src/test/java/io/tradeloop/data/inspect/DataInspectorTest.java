package io.tradeloop.data.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.layout.DataLayout;
import io.tradeloop.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataInspectorTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheRealGapsOfTheFourHourBitcoinFile() {
        var file = SharedData.file("ohlcv/coinbase_BTC-USD_4h.csv");
        assumeTrue(file.isPresent(), SharedData.ABSENT);
        var r = (DataReport.Bars) DataInspector.inspect(file.get());
        BarStats s = r.stats();
        assertThat(s.rows()).isEqualTo(16_699);
        assertThat(s.interval()).isEqualTo(Timeframe.H4);
        assertThat(s.gaps().count()).isEqualTo(2);
        assertThat(s.gaps().missing()).isEqualTo(4);
        // 2018-08-10: the 04:00, 08:00 and 12:00 bars are missing (00:00 is followed by 16:00)
        Gap longest = s.gaps().longest();
        assertThat(TimeFormat.iso(longest.fromMs())).isEqualTo("2018-08-10T04:00:00Z");
        assertThat(TimeFormat.iso(longest.toMs())).isEqualTo("2018-08-10T16:00:00Z");
        assertThat(longest.missing()).isEqualTo(3);
        Gap second = s.gaps().largest().get(1);
        assertThat(TimeFormat.iso(second.fromMs())).isEqualTo("2017-02-28T20:00:00Z");
        assertThat(second.missing()).isEqualTo(1);
        // first 2016-05-18T04:00Z, last 2023-12-31T20:00Z: (last - first) / 4h + 1 = 16,703 slots, 16,699 present
        assertThat(s.expectedBars()).isEqualTo(16_703);
        assertThat(s.duplicates() + s.outOfOrder() + s.nonFinite() + s.nonPositivePrices() + s.highBelowLow() + s.zeroVolume()).isZero();
        assertThat(r.verdict().strictOk()).isTrue();
    }

    @Test
    void reportsTheRealGapsOfTheFourHourEtherFile() {
        var file = SharedData.file("ohlcv/coinbase_ETH-USD_4h.csv");
        assumeTrue(file.isPresent(), SharedData.ABSENT);
        BarStats s = ((DataReport.Bars) DataInspector.inspect(file.get())).stats();
        assertThat(s.gaps().count()).isEqualTo(8);
        assertThat(s.gaps().missing()).isEqualTo(25);
        Gap longest = s.gaps().longest(); // 2016-05-20T20:00 is followed by 2016-05-23T12:00: 15 bars missing
        assertThat(TimeFormat.iso(longest.fromMs())).isEqualTo("2016-05-21T00:00:00Z");
        assertThat(TimeFormat.iso(longest.toMs())).isEqualTo("2016-05-23T12:00:00Z");
        assertThat(longest.missing()).isEqualTo(15);
        assertThat(longest.weekendOnly()).isFalse(); // Saturday 00:00 to Monday 12:00 runs past the weekend
    }

    @Test
    void countsEveryKindOfBadRow() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, """
                time,open,high,low,close,volume
                2024-01-01T00:00:00Z,10,11,9,10,5
                2024-01-01T01:00:00Z,10,11,9,10,0
                2024-01-01T02:00:00Z,10,9,11,10,5
                2024-01-01T03:00:00Z,NaN,11,9,10,5
                2024-01-01T04:00:00Z,-1,11,9,10,5
                2024-01-01T02:00:00Z,10,11,9,10,5
                2024-01-01T05:00:00Z,10,11,9,12,5
                2024-01-01T06:00:00Z,10,11,9,10,-3
                not-a-time,10,11,9,10,5
                2024-01-01T10:00:00Z,10,11,9,10,5
                """);
        var r = (DataReport.Bars) DataInspector.inspect(f);
        BarStats s = r.stats();
        assertThat(s.rows()).isEqualTo(10);
        assertThat(s.malformed()).isEqualTo(1);        // line 10
        assertThat(s.zeroVolume()).isEqualTo(1);       // line 3
        assertThat(s.highBelowLow()).isEqualTo(1);     // line 4
        assertThat(s.nonFinite()).isEqualTo(1);        // line 5
        assertThat(s.nonPositivePrices()).isEqualTo(1); // line 6
        assertThat(s.duplicates()).isEqualTo(1);       // line 7 repeats 02:00
        assertThat(s.outOfOrder()).isEqualTo(1);       // line 7 follows 04:00
        assertThat(s.openCloseOutsideRange()).isEqualTo(2); // line 8: close 12 > high 11; line 6: open -1 < low 9 too
        assertThat(s.negativeVolume()).isEqualTo(1);   // line 9
        assertThat(s.interval()).isEqualTo(Timeframe.H1);
        // distinct times 00..06 and 10: one hole 07:00..10:00 with 3 missing bars
        assertThat(s.gaps().count()).isEqualTo(1);
        assertThat(s.gaps().missing()).isEqualTo(3);
        assertThat(r.verdict().strictOk()).isFalse();
        assertThat(r.verdict().strictError()).contains("bad.csv:4"); // the first refused row in file order
        // REPAIR drops lines 4, 5, 6, 8, 9 (bad values) and 10 (malformed) = 6. Line 4 being dropped, line 7's 02:00
        // is neither a duplicate nor out of order among the kept rows (00:00, 01:00, 02:00, 10:00): nothing re-sorted.
        // It warns about line 3's zero volume.
        assertThat(r.verdict().repairDropped()).isEqualTo(6);
        assertThat(r.verdict().repairResorted()).isZero();
        assertThat(r.verdict().warnings()).isEqualTo(1);
        assertThat(r.samples()).first().satisfies(i -> assertThat(i.row()).isEqualTo(3));
        String text = ReportText.render(r);
        assertThat(text).contains("duplicates 1").contains("high<low 1").contains("zero volume 1").contains("strict read: refuses");
    }

    @Test
    void weekendClosuresOfDailyBarsAreToldApart() throws IOException {
        Path f = dir.resolve("daily.csv");
        // Thu 4, Fri 5, Mon 8 (weekend), Tue 9, Thu 11 (Wednesday missing)
        Files.writeString(f, """
                date,open,high,low,close,volume
                2024-01-04,1,1,1,1,1
                2024-01-05,1,1,1,1,1
                2024-01-08,1,1,1,1,1
                2024-01-09,1,1,1,1,1
                2024-01-11,1,1,1,1,1
                """);
        GapSummary g = ((DataReport.Bars) DataInspector.inspect(f)).stats().gaps();
        assertThat(g.count()).isEqualTo(2);
        assertThat(g.weekendOnly()).isEqualTo(1);
        assertThat(g.missing()).isEqualTo(3);
        long day = 86_400_000L;
        assertThat(Gap.withinWeekend(TimeFormat.parse("2024-01-06"), TimeFormat.parse("2024-01-08"), day)).isTrue(); // Sat, Sun
        assertThat(Gap.withinWeekend(TimeFormat.parse("2024-01-10"), TimeFormat.parse("2024-01-11"), day)).isFalse(); // Wed
        // US daily bars open at 14:30Z: missing Sat 14:30 and Sun 14:30 are still a weekend
        assertThat(Gap.withinWeekend(TimeFormat.parse("2024-01-06T14:30:00Z"), TimeFormat.parse("2024-01-08T14:30:00Z"), day)).isTrue();
        // 4h slots Sat 00:00 .. Mon 00:00 include Monday 00:00: not a weekend
        assertThat(Gap.withinWeekend(TimeFormat.parse("2024-01-06"), TimeFormat.parse("2024-01-08T04:00:00Z"), 4 * 3_600_000L)).isFalse();
    }

    @Test
    void anHourOfDaylightSavingShiftInWeeklyBarsIsNoGap() throws IOException {
        Path f = dir.resolve("weekly.csv");
        Files.writeString(f, """
                time,open,high,low,close,volume
                2023-10-23T04:00:00Z,1,1,1,1,1
                2023-10-30T04:00:00Z,1,1,1,1,1
                2023-11-06T05:00:00Z,1,1,1,1,1
                2023-11-13T05:00:00Z,1,1,1,1,1
                2023-11-27T05:00:00Z,1,1,1,1,1
                """);
        BarStats s = ((DataReport.Bars) DataInspector.inspect(f)).stats();
        assertThat(s.interval()).isEqualTo(Timeframe.W1);
        // 7d + 1h is on the grid within half a week; 14d from 11-13 to 11-27 misses one week
        assertThat(s.gaps().count()).isEqualTo(1);
        assertThat(s.gaps().missing()).isEqualTo(1);
        assertThat(s.expectedBars()).isEqualTo(6);
        assertThat(s.offGridSpacings()).isZero(); // 1 h in 168 is within the 1% tolerance
    }

    @Test
    void irregularSpacingsAreCounted() throws IOException {
        Path f = dir.resolve("irregular.csv");
        Files.writeString(f, """
                time,open,high,low,close,volume
                1954-12-13T05:00:00Z,1,1,1,1,1
                1954-12-20T05:00:00Z,1,1,1,1,1
                1954-12-25T05:00:00Z,1,1,1,1,1
                1955-01-01T05:00:00Z,1,1,1,1,1
                """);
        // spacings 7d, 5d, 7d: the 5-day one is 0.71 of a week
        assertThat(((DataReport.Bars) DataInspector.inspect(f)).stats().offGridSpacings()).isEqualTo(1);
    }

    @Test
    void fundingFileReportsIntervalMissedSettlementsAndExtremeRates() throws IOException {
        Path f = dir.resolve("binance_BTC-USDT.csv");
        Files.writeString(f, """
                time,exchange,base,funding_rate
                2024-01-01T00:00:00Z,binance,BTC,0.0001
                2024-01-01T08:00:00Z,binance,BTC,0.0002
                2024-01-01T16:00:00Z,binance,BTC,0.003
                2024-01-02T16:00:00Z,binance,BTC,-0.0015
                2024-01-03T00:00:00Z,binance,BTC,0.0001
                """);
        var r = (DataReport.Funding) DataInspector.inspect(f);
        FundingStats s = r.stats();
        assertThat(r.layout()).isEqualTo(DataLayout.VENUE_FUNDING_CSV);
        assertThat(s.settlements()).isEqualTo(5);
        assertThat(s.intervalHours()).isEqualTo(8); // spacings 8, 8, 24, 8 h: median 8
        assertThat(s.gaps().count()).isEqualTo(1);
        assertThat(s.gaps().missing()).isEqualTo(2); // 2024-01-02T00:00 and 08:00 missed
        assertThat(TimeFormat.iso(s.gaps().longest().fromMs())).isEqualTo("2024-01-02T00:00:00Z");
        assertThat(s.extremeRates()).isEqualTo(2); // |0.003| and |-0.0015| > 0.001
        assertThat(s.mostExtreme().getFirst().rate()).isEqualTo(0.003);
        assertThat(s.maxRate8h()).isEqualTo(0.003);
        assertThat(s.minRate8h()).isEqualTo(-0.0015);
        // mean = (0.0001 + 0.0002 + 0.003 - 0.0015 + 0.0001) / 5 = 0.0019 / 5 = 0.00038
        assertThat(s.meanRate8h()).isCloseTo(0.00038, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void realFundingFilesInspect() {
        var dydx = SharedData.file("funding/venues/dydx_BTC-USDT.csv");
        var cross = SharedData.file("funding/cross_exchange_8h.csv");
        assumeTrue(dydx.isPresent() && cross.isPresent(), SharedData.ABSENT);
        var d = (DataReport.Funding) DataInspector.inspect(dydx.get());
        assertThat(d.stats().intervalHours()).isEqualTo(1);
        var x = (DataReport.CrossExchange) DataInspector.inspect(cross.get());
        assertThat(x.rows()).isEqualTo(19_710);
        assertThat(x.markets()).isNotEmpty();
        assertThat(x.markets()).allSatisfy(m -> assertThat(m.bars().interval()).isEqualTo(Timeframe.H8));
        assertThat(ReportText.render(x)).contains("binance:BTCUSDT");
    }

    @Test
    void tradeFileReportsEmptyPeriodsAndZeroAmounts() throws IOException {
        var r = (DataReport.Trades) DataInspector.inspect(TestFiles.bitstamp(dir));
        assertThat(r.rows()).isEqualTo(100_000);
        assertThat(r.zeroAmounts()).isEqualTo(18);
        assertThat(r.outOfOrder()).isZero();
        assertThat(r.barTimeframe()).isEqualTo(Timeframe.M5);
        assertThat(r.gaps().longest().durationMs()).isGreaterThan(0);
        assertThat(r.verdict().strictOk()).isTrue();
        assertThat(r.verdict().warnings()).isEqualTo(18);
    }

    @Test
    void jsonCarriesTheSameNumbers() throws IOException {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, """
                time,open,high,low,close,volume
                2024-01-01T00:00:00Z,10,11,9,10,5
                2024-01-01T01:00:00Z,10,11,9,10,5
                2024-01-01T04:00:00Z,10,11,9,10,5
                """);
        JsonNode j = new ObjectMapper().readTree(ReportJson.render(DataInspector.inspect(f)));
        assertThat(j.get("layout").asText()).isEqualTo("OHLCV_CSV");
        assertThat(j.at("/bars/rows").asLong()).isEqualTo(3);
        assertThat(j.at("/bars/interval").asText()).isEqualTo("1h");
        assertThat(j.at("/bars/gaps/count").asLong()).isEqualTo(1);
        assertThat(j.at("/bars/gaps/largest/0/from").asText()).isEqualTo("2024-01-01T02:00:00Z");
        assertThat(j.at("/bars/gaps/largest/0/missing").asLong()).isEqualTo(2);
        assertThat(j.at("/verdict/strictOk").asBoolean()).isTrue();
    }
}
