package org.netmoe.training.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.envs.Env;
import org.netmoe.llm.GateRequest;
import org.netmoe.llm.LlmText;
import org.netmoe.moe.mix.Combiner;
import org.netmoe.moe.mix.FixedGate;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.moe.mix.StatePredicate;
import org.netmoe.moe.mix.WeightSearch;
import org.netmoe.training.config.ConfigException;

/**
 * Builds every gate of maze-fig5 and nsp-fig6 from config over one {@link Combiner}:
 * {@code uniform}; {@code fixed} and {@code plan} as configured ({@link ConfiguredGates}, checked
 * before any training); {@code oracle}, the best weighting a grid search over the simplex finds;
 * {@code network}, a PPO gate policy trained in the task's env ({@link NetworkGateTrainer}); and
 * {@code llm}, one plan of the LLM gate ({@link LlmGates}), executed locally.
 *
 * @param ctx        where the gates' training and search report
 * @param configured the {@code fixed} and {@code plan} gates per task
 * @param oracle     the oracle's search (null when the experiment builds no oracle)
 * @param network    the network gate's training (null when the experiment builds no network gate)
 * @param llm        the LLM gate (null when {@code llm} is not run)
 */
public record GateFactory(ExperimentContext ctx, Combiner combiner, List<StatePredicate> predicates,
                          ConfiguredGates configured, Oracle oracle, Network network, LlmGates llm) {
    /** The oracle's search: simplex grid with step {@code 1/gridSteps}, optionally two-stage plans per predicate. */
    public record Oracle(int gridSteps, boolean stageWise) {
    }

    /** The network gate's training: PPO for {@code steps} env steps, evaluated every {@code evalEvery}. */
    public record Network(PpoConfig ppo, long steps, long evalEvery, long seed) {
    }

    /**
     * One task as the gates see it.
     *
     * @param id              the task id (keys {@code gates.fixed}, {@code gates.plan})
     * @param searchObjective the oracle's score of a candidate gate (higher is better)
     * @param env             the task's env per PPO env index (the network gate's training)
     * @param curve           the network gate's evaluation along training
     * @param llmRequest      the LLM gate's request
     */
    public record Task(String id, ToDoubleFunction<Gate> searchObjective, IntFunction<? extends Env> env,
                       Function<Gate, double[]> curve, GateRequest llmRequest) {
    }

    /**
     * A built gate.
     *
     * @param id       the gate id
     * @param steps    env steps of training it took (0 for the frozen gates)
     * @param seconds  wall-clock seconds it took to build
     * @param note     how it was made, for a cost table
     * @param curve    the network gate's training curve (else empty)
     * @param planned  the LLM decision it executes (else empty)
     */
    public record Built(String id, Gate gate, long steps, double seconds, String note,
                        List<NetworkGateTrainer.CurvePoint> curve, Optional<LlmGates.Planned> planned) {
    }

    /** What a caller does with each gate of {@link #each}. */
    public interface Sink {
        /** Evaluates and records {@code built}. */
        void built(Built built);

        /** Records that gate {@code id} is absent (the llm gate skipped, or failed with fallback none). */
        default void absent(String id) {
        }

        /** Records that gate {@code id} failed for {@code reason} (one line); the other gates go on. */
        void failed(String id, String reason);
    }

    /**
     * Builds each gate of {@code ids} on {@code task} and hands it to {@code sink}. A gate that fails
     * (an LLM plan the combiner cannot run, a broken training) costs its own row only; bad config
     * still ends the run ({@link ConfigException}).
     */
    public void each(List<String> ids, Task task, Sink sink) {
        for (String id : ids) {
            try {
                Optional<Built> built = build(id, task);
                if (built.isEmpty()) {
                    sink.absent(id);
                    continue;
                }
                sink.built(built.get());
                if (built.get().planned().isPresent()) {
                    llm.executed(built.get().planned().get()); // only an executed plan's answer is cached
                }
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                sink.failed(id, LlmText.oneLine(e.getMessage() == null ? e.toString() : e.getMessage(), 500));
            }
        }
    }

    /** Gate {@code id} on {@code task}; empty for an llm gate that is skipped or failed with fallback none. */
    public Optional<Built> build(String id, Task task) {
        long t0 = System.nanoTime();
        return switch (id) {
            case GateIds.UNIFORM -> frozen(id, FixedGate.uniform(combiner), t0);
            case GateIds.FIXED -> frozen(id, configured.fixed(task.id()).orElseThrow(), t0);
            case GateIds.PLAN -> frozen(id, configured.plan(task.id()).orElseThrow(), t0);
            case GateIds.ORACLE -> Optional.of(oracle(task, t0));
            case GateIds.NETWORK -> Optional.of(network(task, t0));
            case GateIds.LLM -> llm(task, t0);
            default -> throw new IllegalStateException("unknown gate " + id);
        };
    }

    private static Optional<Built> frozen(String id, Gate gate, long t0) {
        return Optional.of(new Built(id, gate, 0, seconds(t0), "no training", List.of(), Optional.empty()));
    }

    private Built oracle(Task task, long t0) {
        WeightSearch.Result r = WeightSearch.search(combiner, oracle.gridSteps(), predicates, oracle.stageWise(),
                task.searchObjective());
        ctx.say(String.format(Locale.ROOT, "oracle on %s: searched %d candidates, best %s (search score %.3f)",
                task.id(), r.candidates(), r.gate().describe(), r.score()));
        return new Built(GateIds.ORACLE, r.gate(), 0, seconds(t0), r.candidates() + " candidate weightings",
                List.of(), Optional.empty());
    }

    private Built network(Task task, long t0) {
        ctx.say("training the network gate on " + task.id() + ": PPO for " + network.steps() + " env steps");
        NetworkGateTrainer.Result r = NetworkGateTrainer.train(combiner, task.env(), network.ppo(), network.steps(),
                network.evalEvery(), task.curve(), network.seed());
        ctx.say(String.format(Locale.ROOT, "network gate on %s: %d env steps in %.1f s; first value along training %s",
                task.id(), r.envSteps(), r.seconds(), r.curve().stream()
                        .map(p -> String.format(Locale.ROOT, "%.2f", p.values()[0])).toList()));
        return new Built(GateIds.NETWORK, r.gate(), r.envSteps(), seconds(t0),
                "PPO gate policy trained on the task's reward", r.curve(), Optional.empty());
    }

    private Optional<Built> llm(Task task, long t0) {
        if (!llm.available()) {
            return Optional.empty();
        }
        return llm.plan(task.llmRequest()).map(p -> new Built(GateIds.LLM, p.gate(), 0, seconds(t0),
                "one LLM plan (" + p.decision().source() + "), executed locally", List.of(), Optional.of(p)));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
