package org.netmoe.training.cli;

import picocli.CommandLine.Command;

/** {@code netmoe bench}: throughput benchmarks. */
@Command(name = "bench", description = "Throughput benchmarks.",
        subcommands = {EnvBenchCommand.class, AgentBenchCommand.class, SelectionBenchCommand.class})
final class BenchCommand extends CliCommand implements Runnable {
    @Override
    public void run() {
        spec.commandLine().usage(out());
    }
}
