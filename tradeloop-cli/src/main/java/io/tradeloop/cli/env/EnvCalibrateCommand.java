package io.tradeloop.cli.env;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradeloop.core.SharedData;
import io.tradeloop.core.time.TimeFormat;
import io.tradeloop.rl.env.funding.EnvConfig;
import io.tradeloop.rl.env.funding.FundingArbitrageEnv;
import io.tradeloop.rl.env.funding.MarketCalibration;
import io.tradeloop.rl.funding.FundingData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tradeloop env calibrate funding-arb}: fits the market generator on the training months of the real
 * funding data and prints generated-versus-real statistics (and optionally writes the parameters as JSON).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit the funding market generator on the training months and compare generated with real statistics.")
public final class EnvCalibrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "Environment name (funding-arb).")
    String name;

    @Option(names = "--data", description = "The shared data folder (default: ../shared/data).")
    Path data;

    @Option(names = "--train-from", defaultValue = "2023-01-01", description = "Start of the training months (default ${DEFAULT-VALUE}).")
    String trainFrom;

    @Option(names = "--train-to", defaultValue = "2023-10-01", description = "End of the training months (default ${DEFAULT-VALUE}).")
    String trainTo;

    @Option(names = "--paths", defaultValue = "20", description = "Generated paths to measure (default ${DEFAULT-VALUE}).")
    int paths;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--params-out", description = "Write the fitted generator parameters here (JSON).")
    Path paramsOut;

    @Override
    public Integer call() throws Exception {
        if (!FundingArbitrageEnv.NAME.equals(name)) {
            throw new IllegalArgumentException("unknown environment '" + name + "' (known: " + FundingArbitrageEnv.NAME + ")");
        }
        Path dir = dataDir(data);
        var split = FundingData.Split.of(trainFrom, trainTo, trainTo, "2024-01-01");
        FundingData fd = FundingData.load(dir, EnvConfig.defaults(), split, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Real market (" + fd.real().series() + ", data " + fd.real().dataHash() + "):");
        out.print(fd.real().describe());
        long from = fd.generator().fitFromMs();
        long to = fd.generator().fitToMs();
        var rows = MarketCalibration.compare(fd.real().series(), from, to, fd.generator(), paths, seed);
        out.printf("%nGenerator fitted on %s .. %s; %d generated paths of the same length:%n%n", TimeFormat.iso(from), TimeFormat.iso(to), paths);
        out.print(MarketCalibration.markdown(rows, paths));
        if (paramsOut != null) {
            Path parent = paramsOut.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(paramsOut.toFile(), fd.generator());
            out.println();
            out.println("params: " + paramsOut.toAbsolutePath());
        }
        out.flush();
        return 0;
    }

    /** {@code --data} or the shared folder beside the project; a clear error when neither exists. */
    public static Path dataDir(Path given) {
        if (given != null) {
            if (!Files.isDirectory(given.resolve("funding"))) {
                throw new IllegalArgumentException("--data " + given + " has no funding/ folder (expected the shared data layout)");
            }
            return given;
        }
        return SharedData.data().orElseThrow(() -> new IllegalArgumentException(
                "no --data given and ../shared/data is absent (set -Dtradeloop.shared, TRADELOOP_SHARED or --data)"));
    }
}
