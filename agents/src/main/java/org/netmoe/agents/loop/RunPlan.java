package org.netmoe.agents.loop;

import java.util.Optional;
import java.util.function.LongConsumer;
import org.netmoe.checkpoints.CheckpointConfig;
import org.netmoe.core.Require;

/**
 * How far a loop runs and when it hands its state to a checkpoint writer.
 *
 * <p>{@code totalSteps} is the run's configured length: schedules (ε decay, LR annealing) always
 * follow it. {@code stopAt} ({@code --until}) pauses the run at the first step boundary at or past
 * it, exactly as an interruption there would; a later {@code run} of the restored loop continues.
 * At every step boundary where {@link CheckpointConfig#due} holds, and where the loop stops
 * (at {@code stopAt}, at {@code totalSteps}, or when the listener asks), {@code save} is called
 * with the global env step, after the boundary's metrics were reported, so a snapshot taken in it
 * is the loop's state between two steps. PPO's boundaries are its iterations.
 *
 * @param totalSteps  env steps of the whole run (all envs together), {@code > 0}
 * @param stopAt      env step at which to pause, {@code > 0}; {@code >= totalSteps} runs to the end
 * @param checkpoints when checkpoints are due; empty for none but the one at the stop
 * @param save        called with the env step at each checkpoint; {@code null} never saves
 */
public record RunPlan(long totalSteps, long stopAt, Optional<CheckpointConfig> checkpoints, LongConsumer save) {
    public RunPlan {
        Require.positive("totalSteps", totalSteps);
        Require.positive("stopAt", stopAt);
        Require.nonNull("checkpoints", checkpoints);
    }

    /** The whole run of {@code totalSteps}, without checkpoints. */
    public static RunPlan of(long totalSteps) {
        return new RunPlan(totalSteps, totalSteps, Optional.empty(), null);
    }

    /**
     * Called by a loop at a step boundary after the env step advanced from {@code previousStep} to
     * {@code step}: saves when a checkpoint is due or the loop stops here.
     */
    void boundary(long previousStep, long step, boolean stopping) {
        if (save != null && (stopping || checkpoints.map(c -> c.due(previousStep, step)).orElse(false))) {
            save.accept(step);
        }
    }

    /** Whether a loop at {@code step} stops here (paused at {@code stopAt} or finished). */
    boolean stopsAt(long step) {
        return step >= stopAt || step >= totalSteps;
    }
}
