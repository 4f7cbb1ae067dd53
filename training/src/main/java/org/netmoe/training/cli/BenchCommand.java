package org.netmoe.training.cli;

import picocli.CommandLine.Command;

/** {@code netmoe bench}: throughput benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Throughput benchmarks.",
        subcommands = {EnvBenchCommand.class, AgentBenchCommand.class, SelectionBenchCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
