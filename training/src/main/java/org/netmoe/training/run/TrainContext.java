package org.netmoe.training.run;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvSpec;
import org.netmoe.training.config.RunConfig;

/**
 * Everything an {@link AgentTrainer} needs: the env (spec and bound config), the run's root seed,
 * the training budget, the run directory, where metrics and progress go, and where checkpoints
 * go (and which one the run resumes from).
 */
public record TrainContext(EnvSpec<?> envSpec, Record envConfig, long seed, RunConfig.TrainSection train,
                           Path runDir, MetricsWriter metrics, Progress progress, RunCheckpointer checkpoints) {

    /** A new env of the run's kind and parameters. */
    public Env makeEnv() {
        return envSpec.make(envConfig);
    }

    /** A factory of new envs of the run's kind and parameters. */
    public Supplier<Env> envFactory() {
        return this::makeEnv;
    }
}
