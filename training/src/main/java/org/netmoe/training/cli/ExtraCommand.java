package org.netmoe.training.cli;

/**
 * A {@code netmoe} subcommand contributed by a module that {@code training} does not depend on
 * (e.g. {@code sweep}, which brings Apache Spark): a picocli {@code @Command} class implementing
 * this interface with a public no-argument constructor, listed in
 * {@code META-INF/services/org.netmoe.training.cli.ExtraCommand}. {@link NetMoe#commandLine()} adds
 * every one found on the classpath.
 */
public interface ExtraCommand {
    /** Whether the command computes (trains, evaluates, benchmarks) and so gets the backend line at start-up. */
    default boolean compute() {
        return true;
    }
}
