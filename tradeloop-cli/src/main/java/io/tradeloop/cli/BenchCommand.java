package io.tradeloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.BenchSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tradeloop bench}: runs the benchmark suite (ours against a reference, same run) and prints the table. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the benchmarks and prints a Markdown table with the machine it ran on.",
                "Each figure is measured against its reference in the same run (ratios)."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "fewer rounds (a smoke run)")
    boolean quick;

    @Option(names = "--json", description = "also write the rows as JSON here")
    Path json;

    @Option(names = "--only", split = ",", description = "run only these groups (e.g. backtest)")
    List<String> only = new ArrayList<>();

    @Option(names = "--jmh", description = "run JMH instead, with these JMH arguments, e.g. --jmh \"BacktestJmh -prof gc\"")
    String jmh;

    @Override
    public Integer call() throws Exception {
        if (jmh != null) {
            org.openjdk.jmh.Main.main(jmh.isBlank() ? new String[0] : jmh.trim().split("\\s+"));
            return 0;
        }
        BenchOptions options = quick ? BenchOptions.quickRun() : BenchOptions.full();
        List<BenchRow> rows = BenchSuite.run(BenchSuite.all(), only, options, System.err::println);
        String machine = BenchSuite.machine();
        System.out.println("Machine: " + machine + (quick ? " (quick run)" : ""));
        System.out.println();
        System.out.print(BenchSuite.markdown(rows));
        if (json != null) {
            write(json, machine, rows);
            System.out.println();
            System.out.println("json: " + json.toAbsolutePath());
        }
        return rows.stream().anyMatch(r -> r.note().startsWith("skipped: failed")) ? 1 : 0;
    }

    private void write(Path file, String machine, List<BenchRow> rows) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine);
        root.put("quick", quick);
        List<Map<String, Object>> list = new ArrayList<>();
        for (BenchRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", r.group());
            m.put("metric", r.metric());
            m.put("value", Double.isFinite(r.value()) ? r.value() : null);
            m.put("unit", r.unit());
            m.put("target", r.target());
            m.put("note", r.note());
            list.add(m);
        }
        root.put("rows", list);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
