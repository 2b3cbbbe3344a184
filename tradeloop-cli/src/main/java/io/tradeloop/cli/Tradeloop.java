package io.tradeloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tradeloop} command: the composition root that wires every subcommand explicitly. */
@Command(name = "tradeloop", mixinStandardHelpOptions = true, versionProvider = Tradeloop.Version.class,
        description = "A self-learning trading decision engine.",
        subcommands = {
                CommandLine.HelpCommand.class,
                io.tradeloop.cli.data.DataCommand.class,
                DemoCommand.class,
                BacktestCommand.class,
                BenchCommand.class,
                io.tradeloop.cli.features.FeaturesCommand.class,
                io.tradeloop.cli.train.TrainCommand.class,
                io.tradeloop.cli.directional.AblationCommand.class,
                io.tradeloop.cli.env.EnvCommand.class,
                io.tradeloop.cli.eval.EvalCommand.class,
                io.tradeloop.cli.serve.ServeCommand.class,
        })
public final class Tradeloop implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests call it in process. */
    public static CommandLine newCommandLine() {
        var cl = new CommandLine(new Tradeloop());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // A user error (bad file, out-of-range parameter) gets one clear line, not a stack trace.
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof java.io.IOException) {
                cmd.getErr().println("tradeloop: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    /** Prints the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Tradeloop.class.getPackage().getImplementationVersion();
            return new String[] {"tradeloop " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
