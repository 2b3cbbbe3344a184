package io.tradeloop.cli.train;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tradeloop train}: trains a policy; one subcommand per task, listed explicitly. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a reinforcement-learning policy.",
        subcommands = {
                TrainCartPoleCommand.class,
                TrainFundingArbCommand.class,
                io.tradeloop.cli.directional.TrainDirectionalCommand.class,
        })
public final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
