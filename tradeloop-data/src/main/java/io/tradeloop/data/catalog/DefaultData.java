package io.tradeloop.data.catalog;

import io.tradeloop.core.series.Timeframe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's data on a fresh machine, with nothing downloaded: the real market data that
 * {@code org.ta4j:ta4j-examples:0.18} (on the class path, from Maven Central) ships —
 * about 100,000 Bitstamp BTC/USD trade prints of 2013-11-25 .. 2013-12-01 and 580 five-minute ETH/USD bars
 * of BinanceUS, 2023-03-13 .. 2023-03-15 — imported into a catalog as bars of 5m, 15m, 1h and 4h.
 */
public final class DefaultData {
    /** Bitstamp BTC/USD: trades and the bars aggregated from them. */
    public static final String BTC = "bitstamp_BTC-USD";
    /** BinanceUS ETH/USD: native 5m bars and coarser ones resampled from them. */
    public static final String ETH = "binanceus_ETH-USD";
    /** The bar timeframes the default data is imported at. */
    public static final List<Timeframe> TIMEFRAMES = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4);

    private static final String BTC_RESOURCE = "bitstamp_trades_from_20131125_usd.csv";
    private static final String ETH_RESOURCE = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";

    private DefaultData() {
    }

    /**
     * Imports the default data into the catalog in {@code catalogDir} unless it is already there (cheap when
     * it is: the resources are hashed, not parsed), and returns the catalog's entries for it.
     *
     * @throws IllegalStateException when ta4j-examples is not on the class path
     */
    public static List<CatalogEntry> ensureImported(Path catalogDir) {
        try (Catalog catalog = Catalog.open(catalogDir)) {
            ensure(catalog, BTC_RESOURCE, BTC);
            ensure(catalog, ETH_RESOURCE, ETH);
            return catalog.list().stream().filter(e -> e.name().equals(BTC) || e.name().equals(ETH))
                    .sorted(CatalogEntry.ORDER).toList();
        }
    }

    private static void ensure(Catalog catalog, String resource, String name) {
        String sha;
        try (InputStream in = open(resource)) {
            sha = Hashes.sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class-path resource " + resource + ": " + e.getMessage(), e);
        }
        boolean complete = catalog.list().stream().anyMatch(e -> e.name().equals(name) && e.hasSource(sha))
                && TIMEFRAMES.stream().allMatch(tf -> catalog.find(name, tf).isPresent());
        if (complete) {
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("tradeloop-default-data");
            Path file = tmp.resolve(resource);
            try (InputStream in = open(resource)) {
                Files.copy(in, file);
            }
            catalog.importFile(file, ImportOptions.defaults().withName(name).withTimeframes(TIMEFRAMES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + resource + " for import: " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = DefaultData.class.getResourceAsStream("/" + resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path: the default data comes from org.ta4j:ta4j-examples:0.18 "
                    + "(a dependency of tradeloop-data); rebuild with Maven to fetch it");
        }
        return in;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staging folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
