package org.netmoe.training.run;

import java.io.IOException;

/** Trains one kind of agent on the env of a run context and saves its policy into the run directory. */
@FunctionalInterface
public interface AgentTrainer<C extends Record> {
    /** Trains for {@code context.train().steps()} env steps, recording metrics through the context. */
    TrainOutcome train(TrainContext context, C config) throws IOException;
}
