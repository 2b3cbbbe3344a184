package io.tradeloop.data.catalog;

import io.tradeloop.core.config.Checks;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.layout.DataLayout;

import java.util.List;

/**
 * How {@link Catalog#importFile} imports one file.
 *
 * @param name        dataset name, or null to derive it from the file (see {@link DatasetNames})
 * @param layout      the file's layout, or null to detect it
 * @param policy      STRICT (default: refuse a bad file) or REPAIR (drop/re-sort bad rows, recorded)
 * @param timeframes  coarser timeframes to derive: from bars by resampling, from trades by aggregation;
 *                    empty means none for bars and 5m, 15m, 1h, 4h for trades
 * @param partialBars what derived bars do with partial first/last periods (default DROP)
 * @param replace     drop the datasets this file feeds (and what was derived from them) before importing,
 *                    instead of merging with them
 */
public record ImportOptions(String name, DataLayout layout, ReadPolicy policy, List<Timeframe> timeframes, PartialBars partialBars,
                            boolean replace) {
    /** Timeframes derived from trades when none are asked for. */
    public static final List<Timeframe> TRADE_TIMEFRAMES = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4);

    public ImportOptions {
        if (name != null) {
            DatasetNames.check(name);
        }
        Checks.notNull("policy", policy);
        Checks.notNull("partialBars", partialBars);
        timeframes = List.copyOf(timeframes);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, ReadPolicy.STRICT, List.of(), PartialBars.DROP, false);
    }

    public ImportOptions withName(String n) {
        return new ImportOptions(n, layout, policy, timeframes, partialBars, replace);
    }

    public ImportOptions withLayout(DataLayout l) {
        return new ImportOptions(name, l, policy, timeframes, partialBars, replace);
    }

    public ImportOptions withPolicy(ReadPolicy p) {
        return new ImportOptions(name, layout, p, timeframes, partialBars, replace);
    }

    public ImportOptions withTimeframes(List<Timeframe> t) {
        return new ImportOptions(name, layout, policy, t, partialBars, replace);
    }

    public ImportOptions withPartialBars(PartialBars p) {
        return new ImportOptions(name, layout, policy, timeframes, p, replace);
    }

    public ImportOptions withReplace(boolean r) {
        return new ImportOptions(name, layout, policy, timeframes, partialBars, r);
    }
}
