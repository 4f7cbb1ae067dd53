package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the {@code netmoe} subcommands: picocli's standard {@code -h}/{@code -V} options (the
 * subclass's {@code @Command} inherits them) and the command's own output writers, which tests
 * redirect.
 */
@Command(mixinStandardHelpOptions = true)
abstract class CliCommand {
    @Spec
    CommandSpec spec;

    /** The command's standard output. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The command's error output (one-line warnings; errors go through {@link NetMoe}'s handler). */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** An optional step flag such as {@code --until} ({@code null} when not given). */
    static OptionalLong optionalSteps(Long steps) {
        return steps != null ? OptionalLong.of(steps) : OptionalLong.empty();
    }
}
