package io.tradeloop.cli.eval;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tradeloop eval}: evaluates a trained policy on its hold-out; one subcommand per task, listed explicitly. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a trained policy against baselines on the hold-out.",
        subcommands = {
                EvalFundingArbCommand.class,
        })
public final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
