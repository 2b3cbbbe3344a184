package io.tradeloop.data.inspect;

import io.tradeloop.core.instrument.InstrumentKind;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.layout.DataLayout;

import java.nio.file.Path;
import java.util.List;

/** The inspection of one market-data file; one record per kind of file. */
public sealed interface DataReport permits DataReport.Bars, DataReport.Trades, DataReport.Funding, DataReport.CrossExchange {
    Path file();

    DataLayout layout();

    /**
     * What reading the file would do: {@code strictError} is the first refusal under STRICT (null when
     * STRICT reads it); the counts are what REPAIR drops, re-sorts and warns about.
     */
    Verdict verdict();

    /** Individual problem rows (file, line, field, value), the first of them in file order. */
    List<DataIssue> samples();

    /** What the readers would do with the file under each {@link io.tradeloop.data.csv.ReadPolicy}. */
    record Verdict(String strictError, long repairDropped, long repairResorted, long warnings) {
        public boolean strictOk() {
            return strictError == null;
        }
    }

    /** A bar file. */
    record Bars(Path file, DataLayout layout, String name, BarStats stats, Verdict verdict, List<DataIssue> samples) implements DataReport {
        public Bars {
            samples = List.copyOf(samples);
        }
    }

    /**
     * A trade-print file.
     *
     * @param barTimeframe    the bar period whose empty periods count as gaps
     * @param sameTimePrints  prints sharing their timestamp with the print before (normal on busy venues)
     * @param gaps            runs of empty bar periods of {@code barTimeframe}
     */
    record Trades(Path file, DataLayout layout, String name, long rows, long malformed, long firstMs, long lastMs,
                  long outOfOrder, long sameTimePrints, long nonFinite, long nonPositivePrices, long negativeAmounts,
                  long zeroAmounts, double totalAmount, Timeframe barTimeframe, GapSummary gaps, Verdict verdict,
                  List<DataIssue> samples) implements DataReport {
        public Trades {
            samples = List.copyOf(samples);
        }
    }

    /** One venue's funding file. */
    record Funding(Path file, DataLayout layout, String venue, String base, FundingStats stats, Verdict verdict,
                   List<DataIssue> samples) implements DataReport {
        public Funding {
            samples = List.copyOf(samples);
        }
    }

    /** A cross-exchange file: per contract, its candles and (perpetuals) its funding. */
    record CrossExchange(Path file, DataLayout layout, long rows, long malformed, List<Market> markets,
                         List<VenueAlignment.Result> alignment, Verdict verdict, List<DataIssue> samples) implements DataReport {
        public CrossExchange {
            markets = List.copyOf(markets);
            alignment = List.copyOf(alignment);
            samples = List.copyOf(samples);
        }
    }

    /** One contract of a cross-exchange file; {@code funding} is null for spot. */
    record Market(String key, InstrumentKind kind, BarStats bars, FundingStats funding) {
    }
}
