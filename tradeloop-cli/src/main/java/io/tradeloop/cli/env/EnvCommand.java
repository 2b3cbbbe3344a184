package io.tradeloop.cli.env;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tradeloop env}: inspect the reinforcement-learning environments; one subcommand per action, listed explicitly. */
@Command(name = "env", mixinStandardHelpOptions = true, description = "Describe and calibrate the RL environments.",
        subcommands = {
                EnvDescribeCommand.class,
                EnvCalibrateCommand.class,
        })
public final class EnvCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
