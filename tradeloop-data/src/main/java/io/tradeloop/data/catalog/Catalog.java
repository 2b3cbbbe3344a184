package io.tradeloop.data.catalog;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.Aggregation;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.DataFormatException;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.data.layout.DataLayout;
import io.tradeloop.data.layout.MarketData;
import io.tradeloop.data.layout.MarketDataFiles;
import io.tradeloop.data.trades.TradeAggregator;
import io.tradeloop.data.trades.TradeSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The data catalog: market data imported once into normalised Parquet files (written and read with DuckDB)
 * so later runs load 100k+ bars in milliseconds instead of parsing text. A folder holds
 * {@code catalog.json} (the manifest) and {@code bars/NAME/TF-HASH.parquet}, {@code trades/NAME-HASH.parquet}.
 *
 * <p>Import is idempotent: a file is known by the SHA-256 of its bytes, and a file already imported changes
 * nothing. Files of one dataset merge (bars: union by open time; an overlapping bar must be identical, else
 * the import is refused naming both; trades: time ranges must not overlap). Parquet files are named by the
 * hash of their content and the manifest is replaced atomically, so the same inputs, in any order, give
 * the same catalog, and a crash mid-import leaves the previous state readable. Imports are serialised by a
 * lock file, across processes too.
 *
 * <p>The folder is {@link #defaultDir()} unless given. A {@code Catalog} keeps one DuckDB connection: use
 * it from one thread at a time and close it.
 */
public final class Catalog implements AutoCloseable {
    /** System property naming the default catalog folder. */
    public static final String DIR_PROPERTY = "tradeloop.catalog";
    /** Environment variable naming the default catalog folder (after the system property). */
    public static final String DIR_ENV = "TRADELOOP_CATALOG";
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final Object JVM_LOCK = new Object();

    private final Path dir;
    private List<CatalogEntry> entries;
    private ParquetStore store;

    private Catalog(Path dir) {
        this.dir = dir;
        this.entries = CatalogManifest.read(dir);
    }

    /**
     * The default folder: {@code -Dtradeloop.catalog}, else {@code $TRADELOOP_CATALOG}, else
     * {@code ~/.tradeloop/catalog}.
     */
    public static Path defaultDir() {
        String p = System.getProperty(DIR_PROPERTY);
        if (p != null && !p.isBlank()) return Path.of(p);
        String e = System.getenv(DIR_ENV);
        if (e != null && !e.isBlank()) return Path.of(e);
        return Path.of(System.getProperty("user.home"), ".tradeloop", "catalog");
    }

    /** Opens (creating when absent) the catalog in {@code dir}. */
    public static Catalog open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the catalog folder " + dir + ": " + e.getMessage(), e);
        }
        return new Catalog(dir.toAbsolutePath().normalize());
    }

    public Path dir() {
        return dir;
    }

    /** Every dataset, sorted by name, kind and timeframe. */
    public List<CatalogEntry> list() {
        return entries.stream().sorted(CatalogEntry.ORDER).toList();
    }

    public Optional<CatalogEntry> find(String name, Timeframe timeframe) {
        return entries.stream().filter(e -> e.kind() == DatasetKind.BARS && e.name().equals(name) && e.timeframe().equals(timeframe)).findFirst();
    }

    public Optional<CatalogEntry> findTrades(String name) {
        return entries.stream().filter(e -> e.kind() == DatasetKind.TRADES && e.name().equals(name)).findFirst();
    }

    /** The datasets as JSON, in the manifest's format ({@code catalog.json}). */
    public String listJson() {
        return CatalogManifest.render(entries);
    }

    /** True when a file with this content hash was imported into any dataset. */
    public boolean containsSource(String sha256) {
        return entries.stream().anyMatch(e -> e.hasSource(sha256));
    }

    /** All bars of a dataset. */
    public BarSeries loadBars(String name, Timeframe timeframe) {
        return loadBars(name, timeframe, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The bars of a dataset with open time in [fromMs, toMs) (the filter is pushed down into the Parquet scan). */
    public BarSeries loadBars(String name, Timeframe timeframe, long fromMs, long toMs) {
        CatalogEntry e = find(name, timeframe).orElseThrow(() -> missing(name + "/" + timeframe));
        return store().readBars(dir.resolve(e.file()), name, timeframe, e.rows(), fromMs, toMs);
    }

    public TradeSeries loadTrades(String name) {
        CatalogEntry e = findTrades(name).orElseThrow(() -> missing(name + "/trades"));
        return store().readTrades(dir.resolve(e.file()), name, e.rows());
    }

    /** Re-reads every dataset and checks its rows and content hash against the manifest; returns the problems found. */
    public List<String> verify() {
        List<String> problems = new ArrayList<>();
        for (CatalogEntry e : list()) {
            try {
                String sha;
                long rows;
                if (e.kind() == DatasetKind.BARS) {
                    BarSeries s = loadBars(e.name(), e.timeframe());
                    sha = Hashes.of(s);
                    rows = s.size();
                } else {
                    TradeSeries t = loadTrades(e.name());
                    sha = Hashes.of(t);
                    rows = t.size();
                }
                if (rows != e.rows() || !sha.equals(e.dataSha256())) {
                    problems.add(e.key() + ": " + e.file() + " holds " + rows + " rows with hash " + sha + ", the manifest says " + e.rows() + " / " + e.dataSha256());
                }
            } catch (RuntimeException ex) {
                problems.add(e.key() + ": " + ex.getMessage());
            }
        }
        return problems;
    }

    /** Imports one file (see the class comment); returns what it did. */
    public ImportResult importFile(Path file, ImportOptions options) {
        synchronized (JVM_LOCK) {
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                entries = CatalogManifest.read(dir); // another process may have imported meanwhile
                return importLocked(file, options);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the catalog " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private ImportResult importLocked(Path file, ImportOptions o) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("file not found: " + file));
        }
        String sha = Hashes.sha256(file);
        DataLayout layout = o.layout() != null ? o.layout() : MarketDataFiles.detect(file);
        if (layout.kind().equals("funding")) {
            throw new IllegalArgumentException(file + " is a funding file (" + layout + "); the catalog holds bars and trades: "
                    + "read funding files directly (they parse in milliseconds)");
        }
        boolean trades = layout == DataLayout.TRADES_CSV;
        if (!o.replace()) {
            Optional<CatalogEntry> holder = entries.stream()
                    .filter(e -> e.hasSource(sha) && (o.name() == null || e.name().equals(o.name())) && (e.kind() == DatasetKind.TRADES) == trades
                            && e.derivedFrom() == null)
                    .findFirst();
            if (holder.isPresent() && derivedPresent(holder.get(), o)) {
                LOG.info("import unchanged file={} sha256={} dataset={}", file, sha, holder.get().key());
                return new ImportResult(file, sha, holder.get().name(), ImportResult.Status.UNCHANGED, List.of(), List.of(), List.of());
            }
        }
        ReadResult<MarketData> read = MarketDataFiles.read(file, layout, o.policy());
        List<CatalogEntry> next = new ArrayList<>(entries);
        List<CatalogEntry> written = new ArrayList<>();
        List<ImportResult.Derived> derived = new ArrayList<>();
        String name = switch (read.value()) {
            case MarketData.Bars b -> importBars(file, sha, layout, o, b.series(), read.issues(), next, written, derived);
            case MarketData.Trades t -> importTrades(file, sha, layout, o, t.series(), read.issues(), next, written, derived);
            case MarketData.Funding f -> throw new IllegalStateException("unreachable: funding refused above");
            case MarketData.CrossExchange x -> throw new IllegalStateException("unreachable: funding refused above");
        };
        commit(next);
        LOG.info("imported file={} sha256={} dataset={} datasets_written={} issues={}", file, sha, name, written.size(), read.issues().size());
        return new ImportResult(file, sha, name, ImportResult.Status.IMPORTED, written, read.issues(), derived);
    }

    /** True when every timeframe the options ask for already exists for the holder's name. */
    private boolean derivedPresent(CatalogEntry holder, ImportOptions o) {
        List<Timeframe> wanted = holder.kind() == DatasetKind.TRADES && o.timeframes().isEmpty()
                && entries.stream().noneMatch(e -> e.name().equals(holder.name()) && "trades".equals(e.derivedFrom()))
                ? ImportOptions.TRADE_TIMEFRAMES : o.timeframes();
        return wanted.stream().allMatch(tf -> find(holder.name(), tf).isPresent());
    }

    private String importBars(Path file, String sha, DataLayout layout, ImportOptions o, BarSeries series, List<DataIssue> issues,
                              List<CatalogEntry> next, List<CatalogEntry> written, List<ImportResult.Derived> derived) {
        String name = o.name() != null ? o.name() : DatasetNames.fromFile(file, series.name());
        Timeframe base = series.timeframe();
        CatalogEntry.Source src = source(file, sha, layout, o, series.size(), issues);
        if (o.replace()) {
            next.removeIf(e -> e.name().equals(name) && e.kind() == DatasetKind.BARS
                    && (e.timeframe().equals(base) || base.toString().equals(e.derivedFrom())));
        }
        CatalogEntry existing = find(next, name, base);
        if (existing != null && existing.derivedFrom() != null) {
            throw new IllegalArgumentException("dataset " + existing.key() + " is derived from " + existing.derivedFrom()
                    + "; import " + file.getFileName() + " under another --name, or with --replace");
        }
        BarSeries merged;
        List<CatalogEntry.Source> sources = new ArrayList<>();
        if (existing == null) {
            merged = series.withName(name);
        } else {
            sources.addAll(existing.sources());
            BarSeries old = store().readBars(dir.resolve(existing.file()), name, base, existing.rows(), Long.MIN_VALUE, Long.MAX_VALUE);
            merged = existing.hasSource(sha) ? old : mergeBars(file, existing, old, series);
        }
        if (sources.stream().noneMatch(s -> s.sha256().equals(sha))) {
            sources.add(src);
        }
        put(next, written, barsEntry(name, merged, null, sources));
        Set<Timeframe> derive = new TreeSet<>(o.timeframes());
        next.stream().filter(e -> e.name().equals(name) && base.toString().equals(e.derivedFrom())).forEach(e -> derive.add(e.timeframe()));
        for (Timeframe tf : derive) {
            if (tf.equals(base)) continue;
            CatalogEntry there = find(next, name, tf);
            if (there != null && !base.toString().equals(there.derivedFrom())) {
                throw new IllegalArgumentException("cannot derive " + name + "/" + tf + " from " + base + ": that dataset already exists, "
                        + (there.derivedFrom() == null ? "imported from a file" : "derived from " + there.derivedFrom()));
            }
            Aggregation a = BarResampler.resample(merged, tf, o.partialBars());
            put(next, written, barsEntry(name, a.bars(), base.toString(), sources));
            derived.add(new ImportResult.Derived(name + "/" + tf, a.droppedPartial(), a.incompleteBars(), a.emptyPeriods()));
        }
        return name;
    }

    private String importTrades(Path file, String sha, DataLayout layout, ImportOptions o, TradeSeries series, List<DataIssue> issues,
                                List<CatalogEntry> next, List<CatalogEntry> written, List<ImportResult.Derived> derived) {
        String name = o.name() != null ? o.name() : DatasetNames.fromFile(file, series.name());
        if (series.isEmpty()) {
            throw new DataFormatException(file, 0, "rows", "0", "no trade prints to import");
        }
        CatalogEntry.Source src = source(file, sha, layout, o, series.size(), issues);
        if (o.replace()) {
            next.removeIf(e -> e.name().equals(name) && (e.kind() == DatasetKind.TRADES || "trades".equals(e.derivedFrom())));
        }
        CatalogEntry existing = next.stream().filter(e -> e.kind() == DatasetKind.TRADES && e.name().equals(name)).findFirst().orElse(null);
        TradeSeries merged;
        List<CatalogEntry.Source> sources = new ArrayList<>();
        if (existing == null) {
            merged = series.withName(name);
        } else {
            sources.addAll(existing.sources());
            TradeSeries old = store().readTrades(dir.resolve(existing.file()), name, existing.rows());
            if (existing.hasSource(sha)) {
                merged = old;
            } else if (series.firstTimeMs() > old.lastTimeMs() || series.lastTimeMs() < old.firstTimeMs()) {
                merged = series.firstTimeMs() > old.lastTimeMs() ? concat(name, old, series) : concat(name, series, old);
            } else {
                throw new IllegalArgumentException(file.getFileName() + " has prints from " + TimeFormat.iso(series.firstTimeMs()) + " to "
                        + TimeFormat.iso(series.lastTimeMs()) + ", overlapping " + existing.key() + " (" + TimeFormat.iso(old.firstTimeMs())
                        + " .. " + TimeFormat.iso(old.lastTimeMs()) + "); prints cannot be told apart, so overlaps are refused: use --replace or another --name");
            }
        }
        if (sources.stream().noneMatch(s -> s.sha256().equals(sha))) {
            sources.add(src);
        }
        String dataSha = Hashes.of(merged);
        String rel = "trades/" + name + "-" + dataSha.substring(0, 16) + ".parquet";
        if (!Files.exists(dir.resolve(rel))) {
            store().writeTrades(merged, dir.resolve(rel));
        }
        put(next, written, new CatalogEntry(name, DatasetKind.TRADES, null, rel, merged.size(), merged.firstTimeMs(), merged.lastTimeMs(),
                dataSha, null, sources));
        Set<Timeframe> derive = new TreeSet<>(o.timeframes());
        next.stream().filter(e -> e.name().equals(name) && "trades".equals(e.derivedFrom())).forEach(e -> derive.add(e.timeframe()));
        if (derive.isEmpty()) {
            derive.addAll(ImportOptions.TRADE_TIMEFRAMES);
        }
        for (Timeframe tf : derive) {
            CatalogEntry there = find(next, name, tf);
            if (there != null && !"trades".equals(there.derivedFrom())) {
                throw new IllegalArgumentException("cannot aggregate " + name + "/" + tf + " from trades: that dataset already exists, "
                        + (there.derivedFrom() == null ? "imported from a file" : "derived from " + there.derivedFrom()));
            }
            Aggregation a = TradeAggregator.aggregate(merged, tf, o.partialBars());
            put(next, written, barsEntry(name, a.bars(), "trades", sources));
            derived.add(new ImportResult.Derived(name + "/" + tf, a.droppedPartial(), a.incompleteBars(), a.emptyPeriods()));
        }
        return name;
    }

    private static CatalogEntry.Source source(Path file, String sha, DataLayout layout, ImportOptions o, long rows, List<DataIssue> issues) {
        long dropped = issues.stream().filter(i -> i.action() == DataIssue.Action.DROPPED).count();
        return new CatalogEntry.Source(file.getFileName().toString(), sha, layout, o.policy().name(), rows, dropped);
    }

    /** Union by open time; a time present in both must carry identical values. */
    private static BarSeries mergeBars(Path file, CatalogEntry existing, BarSeries a, BarSeries b) {
        BarSeries.Builder out = BarSeries.builder(a.name(), a.timeframe(), a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || (i < a.size() && a.openTimeMs(i) < b.openTimeMs(j))) {
                out.add(a.openTimeMs(i), a.open(i), a.high(i), a.low(i), a.close(i), a.volume(i));
                i++;
            } else if (i >= a.size() || b.openTimeMs(j) < a.openTimeMs(i)) {
                out.add(b.openTimeMs(j), b.open(j), b.high(j), b.low(j), b.close(j), b.volume(j));
                j++;
            } else {
                String[] f = {"open", "high", "low", "close", "volume"};
                double[] x = {a.open(i), a.high(i), a.low(i), a.close(i), a.volume(i)};
                double[] y = {b.open(j), b.high(j), b.low(j), b.close(j), b.volume(j)};
                for (int k = 0; k < 5; k++) {
                    if (Double.compare(x[k], y[k]) != 0) {
                        throw new DataFormatException(file, 0, f[k], Double.toString(y[k]), "the bar at " + TimeFormat.iso(b.openTimeMs(j))
                                + " conflicts with " + existing.key() + " (imported from " + existing.sources().stream().map(CatalogEntry.Source::fileName).toList()
                                + "), which has " + f[k] + " " + x[k] + "; import with --replace to use this file instead");
                    }
                }
                out.add(a.openTimeMs(i), x[0], x[1], x[2], x[3], x[4]);
                i++;
                j++;
            }
        }
        return out.build();
    }

    private static TradeSeries concat(String name, TradeSeries first, TradeSeries second) {
        TradeSeries.Builder b = TradeSeries.builder(name, first.size() + second.size());
        for (TradeSeries t : new TradeSeries[] {first, second}) {
            for (int i = 0; i < t.size(); i++) {
                b.add(t.timeMs(i), t.price(i), t.amount(i));
            }
        }
        return b.build();
    }

    private CatalogEntry barsEntry(String name, BarSeries s, String derivedFrom, List<CatalogEntry.Source> sources) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + "/" + s.timeframe() + " would be empty (no complete bar in the data)");
        }
        String dataSha = Hashes.of(s);
        String rel = "bars/" + name + "/" + s.timeframe() + "-" + dataSha.substring(0, 16) + ".parquet";
        if (!Files.exists(dir.resolve(rel))) { // content-addressed: an existing file already holds exactly these bars
            store().writeBars(s, dir.resolve(rel));
        }
        return new CatalogEntry(name, DatasetKind.BARS, s.timeframe(), rel, s.size(), s.firstOpenTimeMs(),
                s.openTimeMs(s.size() - 1), dataSha, derivedFrom, sources);
    }

    private static void put(List<CatalogEntry> next, List<CatalogEntry> written, CatalogEntry e) {
        next.removeIf(x -> x.key().equals(e.key()));
        next.add(e);
        written.add(e);
    }

    private static CatalogEntry find(List<CatalogEntry> list, String name, Timeframe tf) {
        return list.stream().filter(e -> e.kind() == DatasetKind.BARS && e.name().equals(name) && e.timeframe().equals(tf)).findFirst().orElse(null);
    }

    /** Writes the manifest, then deletes Parquet files it no longer names. */
    private void commit(List<CatalogEntry> next) {
        CatalogManifest.write(dir, next);
        entries = List.copyOf(next);
        Set<Path> keep = new HashSet<>();
        for (CatalogEntry e : entries) keep.add(dir.resolve(e.file()).normalize());
        for (String sub : new String[] {"bars", "trades"}) {
            Path root = dir.resolve(sub);
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    if (!keep.contains(p.normalize())) {
                        Files.delete(p);
                        LOG.debug("catalog removed unreferenced file={}", p);
                    }
                }
            } catch (IOException e) {
                // the manifest is already written; a stale file only costs disk space and is removed by the next import
                LOG.warn("catalog cleanup failed dir={} error={}", root, e.toString());
            }
        }
    }

    private IllegalArgumentException missing(String key) {
        return new IllegalArgumentException("no dataset " + key + " in the catalog " + dir + "; it holds "
                + (entries.isEmpty() ? "nothing (import files with: tradeloop data import FILE)" : list().stream().map(CatalogEntry::key).toList()));
    }

    private ParquetStore store() {
        if (store == null) {
            store = new ParquetStore();
        }
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
