package io.tradeloop.cli.bench;

import io.tradeloop.bench.BenchOptions;
import io.tradeloop.bench.BenchRow;
import io.tradeloop.bench.BenchSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tradeloop bench}: runs the benchmarks of {@link BenchSuite#all()} and prints the Markdown table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the end-to-end benchmarks and print a Markdown table with the machine.")
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Fewer repetitions and smaller inputs (a smoke run).")
    boolean quick;

    @Option(names = "--group", split = ",", description = "Only these groups (e.g. rl-network,rl-ppo).")
    List<String> groups = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchOptions options = quick ? BenchOptions.quickRun() : BenchOptions.full();
        List<BenchRow> rows = BenchSuite.run(BenchSuite.all(), groups, options, line -> {
            err.println(line);
            err.flush();
        });
        out.println("Machine: " + BenchSuite.machine());
        out.println();
        out.print(BenchSuite.markdown(rows));
        out.flush();
        return 0;
    }
}
