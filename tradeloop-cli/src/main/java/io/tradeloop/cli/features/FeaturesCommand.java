package io.tradeloop.cli.features;

import io.tradeloop.core.series.BarSeries;
import io.tradeloop.core.series.Timeframe;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.data.bars.Aggregation;
import io.tradeloop.data.bars.BarResampler;
import io.tradeloop.data.bars.OhlcvCsvReader;
import io.tradeloop.data.bars.PartialBars;
import io.tradeloop.data.csv.DataIssue;
import io.tradeloop.data.csv.ReadPolicy;
import io.tradeloop.data.csv.ReadResult;
import io.tradeloop.features.scaling.ChronologicalSplit;
import io.tradeloop.features.scaling.CollapsePolicy;
import io.tradeloop.features.scaling.FittedScaler;
import io.tradeloop.features.scaling.RobustScaler;
import io.tradeloop.features.scaling.ScalingConfig;
import io.tradeloop.features.set.FeatureMatrix;
import io.tradeloop.features.set.FeatureSetDefinition;
import io.tradeloop.features.store.FeatureFiles;
import io.tradeloop.features.store.FeatureReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop features}: computes a feature set over an OHLCV file, writes the features (CSV or
 * Parquet) and a sanitisation report, and optionally fits the robust scaler on the rows before a date to
 * report collapsed features on that training window.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Compute a versioned feature set over an OHLCV file; write the features and a sanitisation report.",
                "Coarser timeframes the set needs are read from --coarse files or aggregated from the input bars."})
public final class FeaturesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "OHLCV CSV (time,open,high,low,close,volume).")
    Path data;

    @Option(names = "--timeframe", paramLabel = "TF", description = "Bar interval of --data (default: inferred), e.g. 4h.")
    String timeframe;

    @Option(names = "--set", paramLabel = "NAME", defaultValue = "directional-4h",
            description = "Built-in feature set (default: ${DEFAULT-VALUE}; built in: directional-4h, directional-4h-base).")
    String set;

    @Option(names = "--set-file", paramLabel = "FILE", description = "Feature-set definition JSON (instead of --set).")
    Path setFile;

    @Option(names = "--coarse", paramLabel = "TF=FILE", description = "Bars for a coarser timeframe, e.g. 1d=eth_1d.csv (repeatable).")
    Map<String, Path> coarse = new LinkedHashMap<>();

    @Option(names = "--policy", defaultValue = "STRICT", description = "Bad input rows: STRICT (refuse) or REPAIR (drop/re-sort, reported).")
    ReadPolicy policy;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the features here (.csv or .parquet).")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the sanitisation report here (JSON).")
    Path report;

    @Option(names = "--train-until", paramLabel = "TIME", description = "Fit the robust scaler on rows closing before this time "
            + "(ISO-8601, e.g. 2023-01-01) and report collapsed features on that window.")
    String trainUntil;

    @Option(names = "--clip-z", defaultValue = "5", description = "Robust z at which scaled values are clipped (default ${DEFAULT-VALUE}).")
    double clipZ;

    @Option(names = "--on-collapse", defaultValue = "REPORT", description = "REPORT, DROP or FAIL for features that collapse on the training window.")
    CollapsePolicy onCollapse;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        FeatureSetDefinition definition = setFile != null ? FeatureSetDefinition.load(setFile) : FeatureSetDefinition.builtin(set);
        Timeframe tf = timeframe == null ? null : Timeframe.parse(timeframe);
        ReadResult<BarSeries> read = OhlcvCsvReader.read(data, policy, tf);
        BarSeries bars = read.value();
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("data", data + " (" + bars.size() + " " + bars.timeframe() + " bars, " + TimeFormat.iso(bars.firstOpenTimeMs())
                + " .. " + TimeFormat.iso(bars.lastCloseTimeMs()) + ")");
        long dropped = read.count(DataIssue.Action.DROPPED);
        long repaired = read.count(DataIssue.Action.REPAIRED);
        if (dropped + repaired > 0) {
            notes.put("input repairs", dropped + " rows dropped, " + repaired + " repaired (policy " + policy + ")");
        }
        Map<Timeframe, BarSeries> coarseSeries = new TreeMap<>();
        for (var e : coarse.entrySet()) {
            Timeframe ctf = Timeframe.parse(e.getKey());
            coarseSeries.put(ctf, OhlcvCsvReader.read(e.getValue(), policy, ctf).value());
            notes.put("coarse " + ctf, "read from " + e.getValue());
        }
        for (Timeframe needed : definition.timeframes()) {
            if (!coarseSeries.containsKey(needed)) {
                Aggregation agg = BarResampler.resample(bars, needed, PartialBars.DROP);
                coarseSeries.put(needed, agg.bars());
                notes.put("coarse " + needed, "aggregated from the input: " + agg.bars().size() + " bars, " + agg.incompleteBars()
                        + " built from fewer bars than their period holds (input gaps), " + agg.emptyPeriods() + " empty periods, "
                        + agg.droppedPartial() + " partial end bars dropped");
            }
        }
        FeatureMatrix matrix = FeatureMatrix.compute(definition, bars, coarseSeries);
        FittedScaler scaler = null;
        if (trainUntil != null) {
            long until = TimeFormat.parse(trainUntil);
            ChronologicalSplit split = ChronologicalSplit.at(matrix, until, 0);
            scaler = RobustScaler.fit(split.train(), new ScalingConfig(clipZ, 0.5, onCollapse));
            notes.put("scaler", "fitted on rows " + split.train().from() + ".." + split.train().to() + " (closes "
                    + TimeFormat.iso(split.train().firstCloseTimeMs()) + " .. " + TimeFormat.iso(split.train().lastCloseTimeMs())
                    + "), clip at +/-" + clipZ + " robust sd, " + scaler.dropped().size() + " dropped");
        }
        FeatureReport rep = new FeatureReport(data.toString(), matrix, scaler, notes);
        if (out != null) {
            FeatureFiles.write(matrix, out);
            stdout.println("features: " + out);
        }
        if (report != null) {
            try {
                Files.writeString(report, rep.toJson());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report to " + report, e);
            }
            stdout.println("report: " + report);
        }
        stdout.print(rep.toText());
        stdout.flush();
        return 0;
    }
}
