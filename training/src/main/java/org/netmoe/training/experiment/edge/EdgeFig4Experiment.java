package org.netmoe.training.experiment.edge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.netmoe.agents.loop.OffPolicyLoop;
import org.netmoe.agents.loop.RunPlan;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.envs.edge.EdgeBaseline;
import org.netmoe.envs.edge.EdgeConfig;
import org.netmoe.envs.edge.EdgeModel;
import org.netmoe.envs.edge.EdgeSelectEnv;
import org.netmoe.envs.edge.EdgeTask;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.moe.layer.NetworkConfig;
import org.netmoe.moe.nn.ParameterFile;
import org.netmoe.training.experiment.Experiment;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.report.Table;

/**
 * Paper <i>moe-generative-ai-mobile-edge</i>, Sec. IV-D, Fig. 4–5: discrete SAC learns which edge
 * device gets the subtask the user device cannot run ({@code edge-select}); after every training
 * epoch the greedy SAC policy and the baselines ({@code random}, {@code benchmark}: drop the subtask,
 * {@code greedy}: the topic-matched device of best expected reward, no learning, {@code upper-bound}: the
 * user device has the resources) are scored on the same fresh tasks. Writes
 * the reward-versus-epoch curves (Fig. 4), the mean and final reward per method (Fig. 5) and a summary.
 *
 * <p>Config sections: {@code edge} ({@link EdgeConfig}), {@code sac} ({@link SacConfig}, defaults
 * {@link #defaultSac()}), {@code schedule} ({@link EdgeFig4Schedule}).
 */
public final class EdgeFig4Experiment implements Experiment {
    /** The results row of the trained SAC policy. */
    public static final String SAC = "sac";
    /** The column of the best device in hindsight (noise known), a reference, not a method. */
    static final String HINDSIGHT = "best-in-hindsight";
    @Override
    public String id() {
        return "edge-fig4";
    }

    @Override
    public String description() {
        return "discrete SAC selects the edge expert for an offloaded GAI subtask, against random, benchmark"
                + " (drop it) and upper bound (MoE GAI in mobile edge networks, Fig. 4-5)";
    }

    /** The SAC of {@code configs/edge-sac.yaml}: 2×128, lr 1e-3, γ = 0, τ = 0.01, α from 0.05 toward 0.5 nats. */
    public static SacConfig defaultSac() {
        return new SacConfig(List.of(128, 128), 1e-3, 1e-3, 0.0, 0.01, 64, 20_000, 500, 1, 1, 1, true, 0.05,
                OptionalDouble.of(0.5), 1, NetworkConfig.mlp());
    }

    @Override
    public void run(ExperimentContext ctx) throws IOException {
        EdgeConfig edge = ctx.section("edge", EdgeConfig.defaults());
        SacConfig sac = ctx.section("sac", defaultSac());
        EdgeFig4Schedule schedule = ctx.section("schedule", EdgeFig4Schedule.defaults());
        EdgeModel model = new EdgeModel(edge);
        List<String> methods = new ArrayList<>(List.of(SAC));
        methods.addAll(EdgeBaseline.ids());
        EpochScores scores = new EpochScores(methods);
        List<String> curveHeader = new ArrayList<>(List.of("epoch", "env_steps"));
        curveHeader.addAll(methods);
        curveHeader.addAll(List.of(HINDSIGHT, "sac_train"));
        Table curve = Table.of(curveHeader.toArray(String[]::new));
        Choices sacChoices = new Choices();
        Choices randomChoices = new Choices();
        Choices greedyChoices = new Choices();
        double hindsightFinal = 0;
        ctx.say(String.format(Locale.ROOT, "training discrete SAC on edge-select: %d epochs x %d tasks, %d evaluation"
                + " tasks per epoch", schedule.epochs(), schedule.stepsPerEpoch(), schedule.evalTasks()));
        long start = System.nanoTime();
        try (var loop = OffPolicyLoop.sac(sac, () -> new EdgeSelectEnv(edge), ctx.seed())) {
            for (int epoch = 1; epoch <= schedule.epochs(); epoch++) {
                EpisodeMean training = new EpisodeMean();
                loop.run(RunPlan.of(loop.envSteps() + schedule.stepsPerEpoch()), training);
                List<EdgeTask> tasks = draw(model, schedule.evalTasks(),
                        RngStream.of(RngStream.deriveSeed(ctx.seed(), "eval/" + epoch)));
                RngStream pick = RngStream.of(RngStream.deriveSeed(ctx.seed(), "random/" + epoch));
                EpochResult r = score(model, tasks, greedy(loop, model, tasks), pick);
                scores.add(SAC, r.sac());
                for (EdgeBaseline b : EdgeBaseline.values()) {
                    scores.add(b.id(), r.baselines()[b.ordinal()]);
                }
                if (epoch > schedule.epochs() - schedule.finalEpochs()) {
                    hindsightFinal += r.hindsight() / schedule.finalEpochs();
                    for (int k = 0; k < tasks.size(); k++) {
                        sacChoices.add(model, tasks.get(k), r.sacDevices()[k]);
                        randomChoices.add(model, tasks.get(k), r.randomDevices()[k]);
                        greedyChoices.add(model, tasks.get(k), r.greedyDevices()[k]);
                    }
                }
                List<Object> row = new ArrayList<>(List.of(epoch, loop.envSteps()));
                for (String m : methods) {
                    row.add(scores.at(m, epoch - 1));
                }
                row.add(r.hindsight());
                row.add(training.mean());
                curve.add(row.toArray());
                if (epoch % Math.max(1, schedule.epochs() / 10) == 0 || epoch == schedule.epochs()) {
                    ctx.say(String.format(Locale.ROOT, "epoch %d/%d (%d env steps): sac %.3f  random %.3f  benchmark %.3f"
                            + "  greedy %.3f  upper-bound %.3f", epoch, schedule.epochs(), loop.envSteps(), r.sac(),
                            scores.at("random", epoch - 1), scores.at("benchmark", epoch - 1),
                            scores.at("greedy", epoch - 1), scores.at("upper-bound", epoch - 1)));
                }
            }
            ParameterFile.write(ctx.file("sac-actor.bin"), Map.of("actor",
                    loop.agent().agent().actor().parameters().toFloatVector()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Table results = Table.of("method", "mean_reward", "final_reward");
        for (String m : methods) {
            results.add(m, scores.mean(m), scores.last(m, schedule.finalEpochs()));
            ctx.say(String.format(Locale.ROOT, "%-12s mean reward %.3f  final reward %.3f", m, scores.mean(m),
                    scores.last(m, schedule.finalEpochs())));
        }
        results.writeCsv(ctx.file("results.csv"));
        curve.writeCsv(ctx.file("reward-vs-epoch.csv"));
        EdgeFig4Report.writePlots(ctx, scores, schedule);
        Table choices = Table.of("method", "match_rate", "completed_fraction", "comm_cost", "compute_cost");
        choices.add(SAC, sacChoices.matchRate(), sacChoices.completed(), sacChoices.comm(), sacChoices.compute());
        choices.add("random", randomChoices.matchRate(), randomChoices.completed(), randomChoices.comm(),
                randomChoices.compute());
        choices.add("greedy", greedyChoices.matchRate(), greedyChoices.completed(), greedyChoices.comm(),
                greedyChoices.compute());
        EdgeFig4Report.writeSummary(ctx, edge, schedule, results, scores, choices, hindsightFinal, seconds);
    }

    /**
     * One epoch's scores on {@code tasks}: mean reward of SAC's devices, of each baseline, of the best
     * device in hindsight, and the devices SAC, the random and the greedy baseline chose (for the diagnostics).
     */
    private record EpochResult(double sac, double[] baselines, double hindsight, int[] sacDevices,
                               int[] randomDevices, int[] greedyDevices) {
    }

    private static EpochResult score(EdgeModel model, List<EdgeTask> tasks, int[] sacDevices, RngStream pick) {
        int n = tasks.size();
        int[] randomDevices = new int[n];
        int[] greedyDevices = new int[n];
        double sac = 0;
        double hindsight = 0;
        double[] baselines = new double[EdgeBaseline.values().length];
        for (int k = 0; k < n; k++) {
            EdgeTask t = tasks.get(k);
            sac += model.reward(t, sacDevices[k]) / n;
            hindsight += model.reward(t, model.bestDevice(t)) / n;
            // EdgeBaseline.RANDOM's draw, made here so the device is kept for the diagnostics.
            randomDevices[k] = pick.nextInt(model.config().numDevices());
            baselines[EdgeBaseline.RANDOM.ordinal()] += model.reward(t, randomDevices[k]) / n;
            baselines[EdgeBaseline.BENCHMARK.ordinal()] += EdgeBaseline.BENCHMARK.reward(model, t, pick) / n;
            // EdgeBaseline.GREEDY's device, kept for the diagnostics; it draws nothing.
            greedyDevices[k] = model.greedyDevice(model.observation(t));
            baselines[EdgeBaseline.GREEDY.ordinal()] += model.reward(t, greedyDevices[k]) / n;
            baselines[EdgeBaseline.UPPER_BOUND.ordinal()] += EdgeBaseline.UPPER_BOUND.reward(model, t, pick) / n;
        }
        return new EpochResult(sac, baselines, hindsight, sacDevices, randomDevices, greedyDevices);
    }

    private static List<EdgeTask> draw(EdgeModel model, int n, RngStream rng) {
        List<EdgeTask> tasks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            tasks.add(model.draw(rng));
        }
        return tasks;
    }

    /** SAC's greedy device (argmax π) for every task, in one batched forward pass. */
    private static int[] greedy(OffPolicyLoop<?, ?> loop, EdgeModel model, List<EdgeTask> tasks) {
        int dim = model.obsDim();
        float[] obs = new float[tasks.size() * dim];
        for (int k = 0; k < tasks.size(); k++) {
            System.arraycopy(model.observation(tasks.get(k)), 0, obs, k * dim, dim);
        }
        Action[] actions = loop.act(obs);
        int[] devices = new int[actions.length];
        for (int k = 0; k < actions.length; k++) {
            devices[k] = ((Action.Index) actions[k]).index();
        }
        return devices;
    }

    /** Mean of the training episodes' returns (sampled actions) in one epoch. */
    private static final class EpisodeMean implements TrainingListener {
        private double sum;
        private int episodes;

        @Override
        public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> finalInfo) {
            sum += episodeReturn;
            episodes++;
        }

        double mean() {
            return episodes == 0 ? Double.NaN : sum / episodes;
        }
    }

    /** What a method's chosen devices looked like. */
    private static final class Choices {
        private double match;
        private double completed;
        private double comm;
        private double compute;
        private int n;

        void add(EdgeModel model, EdgeTask task, int device) {
            match += model.config().specialty(device) == task.topic() ? 1 : 0;
            completed += model.completedFraction(task, device);
            comm += model.commCost(task, device);
            compute += model.computeCost(task, device);
            n++;
        }

        double matchRate() {
            return match / n;
        }

        double completed() {
            return completed / n;
        }

        double comm() {
            return comm / n;
        }

        double compute() {
            return compute / n;
        }
    }
}
