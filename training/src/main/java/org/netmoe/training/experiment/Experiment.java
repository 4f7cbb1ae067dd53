package org.netmoe.training.experiment;

import java.io.IOException;

/**
 * A whole paper figure as one command ({@code netmoe experiment FILE}): train or reuse what it
 * needs, evaluate, and write {@code summary.md}, its result table (usually {@code results.csv}) and
 * plots into the run directory. The config file names the experiment with its top-level field {@code experiment:}.
 */
public interface Experiment {
    /** The id the config's {@code experiment:} field selects, e.g. {@code maze-fig5}. */
    String id();

    /** One line: what the experiment reproduces. */
    String description();

    /** Runs the experiment; bad config fields throw {@link org.netmoe.training.config.ConfigException}. */
    void run(ExperimentContext context) throws IOException;
}
