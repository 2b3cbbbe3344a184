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
 */
public record ImportResult(Path file, String sha256, String name, Status status, List<CatalogEntry> written, List<DataIssue> issues) {
    public ImportResult {
        written = List.copyOf(written);
        issues = List.copyOf(issues);
    }

    /** Whether the import changed the catalog. */
    public enum Status {
        IMPORTED,
        UNCHANGED
    }
}
