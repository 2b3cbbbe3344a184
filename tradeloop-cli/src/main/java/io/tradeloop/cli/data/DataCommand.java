package io.tradeloop.cli.data;

import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.catalog.Catalog;
import io.tradeloop.data.catalog.CatalogEntry;
import io.tradeloop.data.catalog.DatasetKind;
import io.tradeloop.data.catalog.DefaultData;
import io.tradeloop.data.catalog.ImportOptions;
import io.tradeloop.data.catalog.ImportResult;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.inspect.DataInspector;
import io.tradeloop.data.inspect.DataReport;
import io.tradeloop.data.inspect.InspectOptions;
import io.tradeloop.data.inspect.ReportJson;
import io.tradeloop.data.inspect.ReportText;
import io.tradeloop.data.layout.DataLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tradeloop data}: inspect market-data files, import them into the Parquet catalog, list the catalog. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Market data: inspect files, import them into the catalog, list the catalog.",
                "Layouts: generic OHLCV CSV, Binance kline CSV/zip, ta4j JSON bars, trade prints, venue and cross-exchange funding CSV."},
        subcommands = {DataCommand.Inspect.class, DataCommand.Import.class, DataCommand.ListCatalog.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path catalogDir(Path given) {
        return given != null ? given : Catalog.defaultDir();
    }

    /** {@code tradeloop data inspect FILE...}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Report rows, span, interval, gaps and bad rows of market-data files, and what STRICT and REPAIR reading would do.",
                    "Bars: duplicates, out-of-order rows, NaN/Inf, non-positive prices, high<low, open/close outside the range, zero volume.",
                    "Funding: settlements, interval, missed settlements, extreme rates. Trades: empty bar periods, zero amounts."})
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to inspect (.csv, .json, or Binance .zip).")
        List<Path> files;

        @Option(names = "--json", description = "Print JSON (an array when several files are given).")
        boolean json;

        @Option(names = "--layout", paramLabel = "LAYOUT", description = "The layout (default: detected): ${COMPLETION-CANDIDATES}.")
        DataLayout layout;

        @Option(names = "--timeframe", paramLabel = "TF", description = "Bars: the interval (default: stated or most common spacing). Trades: the bar period for gaps (default 5m).")
        String timeframe;

        @Option(names = "--largest", defaultValue = "10", paramLabel = "N", description = "List the N longest gaps / most extreme rates (default ${DEFAULT-VALUE}).")
        int largest;

        @Option(names = "--samples", defaultValue = "20", paramLabel = "N", description = "Keep up to N problem rows (default ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--extreme-rate", defaultValue = "0.001", paramLabel = "RATE",
                description = "Funding rate per 8 h counted as extreme (default ${DEFAULT-VALUE} = 0.1%%).")
        double extremeRate;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            InspectOptions o = new InspectOptions(layout, timeframe == null ? null : Timeframe.parse(timeframe), largest, samples, extremeRate);
            List<DataReport> reports = new ArrayList<>();
            for (Path f : files) {
                reports.add(DataInspector.inspect(f, o));
            }
            if (json) {
                if (reports.size() == 1) {
                    out.println(ReportJson.render(reports.getFirst()));
                } else {
                    StringBuilder sb = new StringBuilder("[\n");
                    for (int i = 0; i < reports.size(); i++) {
                        sb.append(ReportJson.render(reports.get(i))).append(i + 1 < reports.size() ? ",\n" : "\n");
                    }
                    out.println(sb.append(']'));
                }
            } else {
                for (int i = 0; i < reports.size(); i++) {
                    if (i > 0) out.println();
                    out.print(ReportText.render(reports.get(i)));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code tradeloop data import FILE... [--catalog DIR]}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import bar or trade files into the Parquet catalog (idempotent: a file already imported changes nothing).",
                    "Files of one dataset merge; trades are also aggregated into bars (default 5m, 15m, 1h, 4h).",
                    "Default catalog: -Dtradeloop.catalog, else $TRADELOOP_CATALOG, else ~/.tradeloop/catalog."})
    static final class Import implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "FILE", description = "Bar or trade files (.csv, .json, Binance .zip).")
        List<Path> files = new ArrayList<>();

        @Option(names = "--catalog", paramLabel = "DIR", description = "Catalog folder (default: see above).")
        Path catalog;

        @Option(names = "--name", paramLabel = "NAME", description = "Dataset name (default: the file name without timeframe and dates).")
        String name;

        @Option(names = "--layout", paramLabel = "LAYOUT", description = "The layout (default: detected).")
        DataLayout layout;

        @Option(names = "--timeframes", split = ",", paramLabel = "TF", description = "Coarser timeframes to derive, e.g. 15m,1h,4h.")
        List<String> timeframes = new ArrayList<>();

        @Option(names = "--repair", description = "Drop unreadable or impossible rows and re-sort out-of-order rows (each reported) instead of refusing the file.")
        boolean repair;

        @Option(names = "--keep-partial", description = "Keep derived bars whose period the data covers only in part (default: drop them).")
        boolean keepPartial;

        @Option(names = "--replace", description = "Replace the dataset(s) this file feeds instead of merging with them.")
        boolean replace;

        @Option(names = "--default-data", description = "Also import the demo's default data (real Bitstamp BTC trades and BinanceUS ETH 5m bars from ta4j-examples 0.18).")
        boolean defaultData;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (files.isEmpty() && !defaultData) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give at least one FILE, or --default-data");
            }
            Path dir = catalogDir(catalog);
            List<Timeframe> tfs = timeframes.stream().map(Timeframe::parse).toList();
            ImportOptions o = new ImportOptions(name, layout, repair ? ReadPolicy.REPAIR : ReadPolicy.STRICT, tfs,
                    keepPartial ? PartialBars.KEEP : PartialBars.DROP, replace);
            out.println("catalog " + dir.toAbsolutePath().normalize());
            if (defaultData) {
                for (CatalogEntry e : DefaultData.ensureImported(dir)) {
                    out.println("  " + describe(e));
                }
            }
            try (Catalog c = Catalog.open(dir)) {
                int i = 0;
                for (Path f : files) {
                    i++;
                    out.printf(Locale.ROOT, "[%d/%d] %s%n", i, files.size(), f);
                    out.flush();
                    ImportResult r = c.importFile(f, o);
                    if (r.status() == ImportResult.Status.UNCHANGED) {
                        out.println("  unchanged: already in " + r.name() + " (sha256 " + r.sha256().substring(0, 16) + ")");
                    }
                    for (CatalogEntry e : r.written()) {
                        out.println("  " + describe(e));
                    }
                    for (ImportResult.Derived d : r.derived()) {
                        if (d.droppedPartial() + d.incompleteBars() + d.emptyPeriods() > 0) {
                            out.printf(Locale.ROOT, "  %s: %d partial bar(s) dropped, %d incomplete (source gaps), %d empty period(s)%n",
                                    d.key(), d.droppedPartial(), d.incompleteBars(), d.emptyPeriods());
                        }
                    }
                    issues(out, r.issues());
                }
            }
            out.flush();
            return 0;
        }

        private static void issues(PrintWriter out, List<DataIssue> issues) {
            if (issues.isEmpty()) return;
            long dropped = issues.stream().filter(i -> i.action() == DataIssue.Action.DROPPED).count();
            long repaired = issues.stream().filter(i -> i.action() == DataIssue.Action.REPAIRED).count();
            long warned = issues.stream().filter(i -> i.action() == DataIssue.Action.WARNED).count();
            out.printf(Locale.ROOT, "  %d issues: %d dropped, %d re-sorted, %d warnings; first: %s%n", issues.size(), dropped, repaired, warned,
                    issues.getFirst().describe());
        }
    }

    /** {@code tradeloop data list [--catalog DIR]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the catalog's datasets.")
    static final class ListCatalog implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--catalog", paramLabel = "DIR", description = "Catalog folder (default: -Dtradeloop.catalog, $TRADELOOP_CATALOG or ~/.tradeloop/catalog).")
        Path catalog;

        @Option(names = "--json", description = "Print the manifest JSON.")
        boolean json;

        @Option(names = "--verify", description = "Re-read every dataset and check its rows and content hash.")
        boolean verify;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Catalog c = Catalog.open(catalogDir(catalog))) {
                if (json) {
                    out.print(c.listJson());
                } else {
                    out.println("catalog " + c.dir());
                    if (c.list().isEmpty()) {
                        out.println("  (empty: import files with tradeloop data import FILE, or --default-data)");
                    }
                    for (CatalogEntry e : c.list()) {
                        out.println("  " + describe(e));
                    }
                }
                int code = 0;
                if (verify) {
                    List<String> problems = c.verify();
                    out.println(problems.isEmpty() ? "verify: ok, " + c.list().size() + " datasets" : "verify: " + problems.size() + " problems");
                    problems.forEach(p -> out.println("  " + p));
                    code = problems.isEmpty() ? 0 : 1;
                }
                out.flush();
                return code;
            }
        }
    }

    static String describe(CatalogEntry e) {
        String what = e.kind() == DatasetKind.TRADES ? "prints" : "bars";
        return String.format(Locale.ROOT, "%-28s %,9d %-6s %s .. %s%s  (%d source%s)", e.key(), e.rows(), what,
                TimeFormat.iso(e.firstMs()), TimeFormat.iso(e.lastMs()),
                e.derivedFrom() == null ? "" : "  from " + e.derivedFrom(), e.sources().size(), e.sources().size() == 1 ? "" : "s");
    }
}
