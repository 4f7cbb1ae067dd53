package org.netmoe.training.cli;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What a {@link Runs} call reports when its run ended without error.
 *
 * @param kind            which entry point ran
 * @param runDir          the run directory
 * @param finished        false when a train or resume call paused at its {@code until} env step (its checkpoint
 *                        is there); true for an experiment
 * @param finalEnvStep    the env step a train or resume run ended at; empty for an experiment (each of its
 *                        sub-runs has its own)
 * @param resumedFromStep the checkpoint env step the run resumed from (an experiment: the newest step any of its
 *                        sub-runs resumed from); empty when it started fresh
 */
public record RunResult(Kind kind, Path runDir, boolean finished, OptionalLong finalEnvStep,
                        OptionalLong resumedFromStep) {

    /** The entry point that ran: {@code netmoe train}, {@code resume} or {@code experiment}. */
    public enum Kind {
        TRAIN, RESUME, EXPERIMENT
    }
}
