package io.tradeloop.data.catalog;

import io.tradeloop.data.csv.DataIssue;

import java.nio.file.Path;
import java.util.List;

/**
 * What importing one file did.
 *
 * @param file    the file
 * @param sha256  its content hash
 * @param name    the dataset name it went into
 * @param status  IMPORTED (datasets written) or UNCHANGED (already in the catalog: nothing written)
 * @param written the datasets written, as they now stand
 * @param issues  what the read policy dropped, re-sorted or warned about
 * @param derived what aggregation left out or found incomplete in each derived dataset written
 */
public record ImportResult(Path file, String sha256, String name, Status status, List<CatalogEntry> written, List<DataIssue> issues,
                           List<Derived> derived) {
    public ImportResult {
        written = List.copyOf(written);
        issues = List.copyOf(issues);
        derived = List.copyOf(derived);
    }

    /**
     * One derived dataset's aggregation account (see {@link io.tradeloop.data.bars.Aggregation}).
     *
     * @param key            e.g. {@code coinbase_BTC-USD/1d}
     * @param droppedPartial partial first/last bars left out
     * @param incompleteBars bars built from fewer finer bars than their period holds (source gaps)
     * @param emptyPeriods   periods without any source data (no bar)
     */
    public record Derived(String key, int droppedPartial, int incompleteBars, long emptyPeriods) {
    }

    /** Whether the import changed the catalog. */
    public enum Status {
        IMPORTED,
        UNCHANGED
    }
}
