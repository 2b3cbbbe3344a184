package io.tradeloop.data.catalog;

import io.tradeloop.core.series.Timeframe;
import io.tradeloop.data.layout.DataLayout;

import java.util.Comparator;
import java.util.List;

/**
 * One dataset of the catalog: a normalised Parquet file and where its data came from.
 *
 * @param name        dataset name, e.g. {@code coinbase_BTC-USD}
 * @param kind        bars or trades
 * @param timeframe   the bar interval (null for trades)
 * @param file        the Parquet file, relative to the catalog folder
 * @param rows        bars or prints
 * @param firstMs     first bar open time / first print time
 * @param lastMs      last bar open time / last print time
 * @param dataSha256  SHA-256 of the normalised columns: the data's identity for provenance (same data, same hash)
 * @param derivedFrom null for data read from files; {@code trades} or the source timeframe (e.g. {@code 5m}) for
 *                    bars the catalog aggregated
 * @param sources     the imported files this dataset holds (sorted by hash)
 */
public record CatalogEntry(String name, DatasetKind kind, Timeframe timeframe, String file, long rows, long firstMs, long lastMs,
                           String dataSha256, String derivedFrom, List<Source> sources) {
    /** Orders entries by name, kind, then timeframe. */
    public static final Comparator<CatalogEntry> ORDER = Comparator.comparing(CatalogEntry::name)
            .thenComparing(CatalogEntry::kind)
            .thenComparingLong(e -> e.timeframe() == null ? 0 : e.timeframe().millis());

    public CatalogEntry {
        sources = sources.stream().sorted(Comparator.comparing(Source::sha256)).toList();
    }

    /** True when a source with this content hash was imported into the dataset. */
    public boolean hasSource(String sha256) {
        return sources.stream().anyMatch(s -> s.sha256().equals(sha256));
    }

    /** {@code name/5m} or {@code name/trades}. */
    public String key() {
        return name + "/" + (kind == DatasetKind.TRADES ? "trades" : timeframe.toString());
    }

    /**
     * One imported file.
     *
     * @param fileName the file's name when imported (for people; identity is the hash)
     * @param sha256   SHA-256 of the file's bytes
     * @param layout   the layout it was read as
     * @param policy   the read policy, {@code STRICT} or {@code REPAIR}
     * @param rows     bars or prints it contributed after the policy
     * @param dropped  rows the policy dropped
     */
    public record Source(String fileName, String sha256, DataLayout layout, String policy, long rows, long dropped) {
    }
}
