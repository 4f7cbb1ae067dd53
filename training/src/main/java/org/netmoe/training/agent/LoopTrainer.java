package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import org.netmoe.agents.loop.LoopResult;
import org.netmoe.agents.loop.RunPlan;
import org.netmoe.agents.loop.TrainingLoop;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.training.checkpoint.LoopEntries;
import org.netmoe.training.run.GreedyEvaluation;
import org.netmoe.training.run.TrainContext;
import org.netmoe.training.run.TrainOutcome;

/**
 * The one way {@code netmoe train} drives a loop, whatever the agent: restore from the checkpoint
 * the run resumes from (loop, listener and evaluation counters) → plan checkpoints and the
 * {@code --until} pause → run, evaluating every {@code train.evalEvery} steps ({@link PeriodicEvaluation})
 * → when paused, report it (the plan wrote the checkpoint) → else save the policy file and
 * evaluate the greedy policy. The loop's envs are closed when it ends, however it ends.
 */
final class LoopTrainer {
    private LoopTrainer() {
    }

    /** Writes the trained policy of a finished loop into the run directory. */
    @FunctionalInterface
    interface PolicySaver<L> {
        void save(L loop, Path runDir) throws IOException;
    }

    static <S, L extends TrainingLoop<S>> TrainOutcome train(TrainContext ctx, L loop, LoopEntries<S> entries,
                                                             PolicySaver<? super L> saver) throws IOException {
        try (loop) {
            RunListener listener = new RunListener(ctx);
            long startStep = ctx.checkpoints().resumeFrom().map(Checkpoint::step).orElse(0L);
            PeriodicEvaluation periodic = new PeriodicEvaluation(listener, ctx, obs -> loop.act(obs)[0],
                    dir -> saver.save(loop, dir), startStep);
            ctx.checkpoints().resumeFrom().ifPresent(c -> {
                loop.restore(entries.read(c, loop.snapshot()));
                listener.restore(c);
                periodic.restore(c);
            });
            RunPlan plan = ctx.checkpoints().plan(ctx.train().steps(), b -> {
                entries.write(b, loop.snapshot());
                listener.writeTo(b);
                periodic.writeTo(b);
            });
            LoopResult result = loop.run(plan, periodic);
            if (!result.finished()) {
                return TrainOutcome.paused(result.envSteps(), listener.episodes(), result.updates(),
                        result.wallSeconds());
            }
            saver.save(loop, ctx.runDir());
            GreedyEvaluation.Result eval = GreedyEvaluation.run(ctx.envFactory(), obs -> loop.act(obs)[0],
                    ctx.train().evalEpisodes(), ctx.seed());
            return new TrainOutcome(result.envSteps(), listener.episodes(), result.updates(), result.wallSeconds(),
                    eval, true);
        }
    }
}
