package io.tradeloop.cli.directional;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tradeloop train ...}: the training commands, wired explicitly. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train models.",
        subcommands = {TrainDirectionalCommand.class})
public final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
