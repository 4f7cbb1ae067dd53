package org.netmoe.agents.loop;

import org.netmoe.core.Require;

/**
 * When {@link OffPolicyLoop} updates, with one meaning for every off-policy agent: after vector step
 * {@code k} (counting from 1 over the whole run; one vector step moves every env once, so it adds
 * {@code numEnvs} env steps), an update round of {@code gradientSteps} gradient steps on batches of
 * {@code batchSize} runs when {@code k % trainFrequency == 0} and the env steps done after it are at
 * least {@code firstUpdateStep}. Agents translate their config into it: SAC starts at
 * {@code learningStarts} (as soon as the warm-up's transitions are stored), DQN at
 * {@code learningStarts + 1} (SB3's {@code num_timesteps > learning_starts}: its first update follows
 * its first ε-greedy step).
 *
 * @param firstUpdateStep env steps (all envs together) before an update may run, {@code >= 0}
 * @param trainFrequency  vector steps per update round, {@code > 0}
 * @param gradientSteps   gradient steps per round, {@code > 0}
 * @param batchSize       transitions per gradient step, {@code > 0}
 */
public record UpdateSchedule(long firstUpdateStep, int trainFrequency, int gradientSteps, int batchSize) {
    public UpdateSchedule {
        Require.nonNegative("firstUpdateStep", firstUpdateStep);
        Require.positive("trainFrequency", trainFrequency);
        Require.positive("gradientSteps", gradientSteps);
        Require.positive("batchSize", batchSize);
    }

    /** Whether an update round follows vector step {@code vectorSteps} (from 1), which ended at {@code envSteps}. */
    public boolean updatesAfter(long vectorSteps, long envSteps) {
        return envSteps >= firstUpdateStep && vectorSteps % trainFrequency == 0;
    }
}
