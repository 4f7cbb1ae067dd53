package org.netmoe.training.experiment.edge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.agents.loop.OffPolicyLoop;
import org.netmoe.agents.loop.RunPlan;
import org.netmoe.agents.loop.TrainingListener;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.edge.EdgeBaseline;
import org.netmoe.envs.edge.EdgeModel;
import org.netmoe.envs.edge.EdgeSelectEnv;
import org.netmoe.envs.edge.EdgeTask;
import org.netmoe.envs.space.Action;
import org.netmoe.moe.nn.ParameterFile;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.edge.EdgeFig4Rows.ChoiceRow;
import org.netmoe.training.experiment.edge.EdgeFig4Rows.EpochRow;
import org.netmoe.training.report.Rows;

/**
 * SAC trained epoch by epoch on {@code edge-select}; after each epoch its greedy devices and every
 * baseline are scored on the same fresh tasks ({@link #epoch}). Each epoch's evaluation tasks and
 * the random baseline's picks come from the named splits {@code eval/<epoch>} and
 * {@code random/<epoch>} of the run's seed.
 */
final class EdgeFig4Epochs {
    private final EdgeFig4Config config;
    private final EdgeModel model;
    private final OffPolicyLoop<?, ?> loop;
    private final EpochScores scores;
    private final List<EpochRow> epochs = new ArrayList<>();
    private final Choices sacChoices = new Choices();
    private final Choices randomChoices = new Choices();
    private final Choices greedyChoices = new Choices();
    private double hindsightFinal;

    private EdgeFig4Epochs(EdgeFig4Config config, EdgeModel model, OffPolicyLoop<?, ?> loop) {
        this.config = config;
        this.model = model;
        this.loop = loop;
        List<String> methods = new ArrayList<>(List.of(EdgeFig4Experiment.SAC));
        methods.addAll(EdgeBaseline.ids());
        this.scores = new EpochScores(methods);
    }

    /**
     * What training and scoring gave: each method's score per epoch, the rest of each epoch's curve
     * row, the choices over the final epochs, and the best device in hindsight averaged over them.
     */
    record Outcome(EpochScores scores, List<EpochRow> epochs, Rows<ChoiceRow> choices, double hindsightFinal) {
    }

    /** Trains SAC for every epoch of {@code config.schedule()}, scoring after each; saves {@code sac-actor.bin}. */
    static Outcome run(ExperimentContext ctx, EdgeFig4Config config) throws IOException {
        EdgeFig4Schedule schedule = config.schedule();
        try (var loop = OffPolicyLoop.sac(config.sac(), () -> new EdgeSelectEnv(config.edge()), config.seed())) {
            EdgeFig4Epochs run = new EdgeFig4Epochs(config, new EdgeModel(config.edge()), loop);
            for (int epoch = 1; epoch <= schedule.epochs(); epoch++) {
                run.epoch(epoch);
                if (epoch % Math.max(1, schedule.epochs() / 10) == 0 || epoch == schedule.epochs()) {
                    ctx.say(run.progress(epoch));
                }
            }
            ParameterFile.write(ctx.file("sac-actor.bin"), Map.of("actor",
                    loop.agent().agent().actor().parameters().toFloatVector()));
            return run.outcome();
        }
    }

    /** One epoch: train SAC for {@code stepsPerEpoch} env steps, then score every method on fresh tasks. */
    private void epoch(int epoch) {
        EdgeFig4Schedule schedule = config.schedule();
        EpisodeMean training = new EpisodeMean();
        loop.run(RunPlan.of(loop.envSteps() + schedule.stepsPerEpoch()), training);
        List<EdgeTask> tasks = draw(schedule.evalTasks(),
                RngStream.of(RngStream.deriveSeed(config.seed(), "eval/" + epoch)));
        RngStream pick = RngStream.of(RngStream.deriveSeed(config.seed(), "random/" + epoch));
        EpochResult r = score(tasks, greedy(tasks), pick);
        scores.add(EdgeFig4Experiment.SAC, r.sac());
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
        epochs.add(new EpochRow(epoch, loop.envSteps(), r.hindsight(), training.mean()));
    }

    private String progress(int epoch) {
        int i = epoch - 1;
        return String.format(Locale.ROOT, "epoch %d/%d (%d env steps): sac %.3f  random %.3f  benchmark %.3f"
                + "  greedy %.3f  upper-bound %.3f", epoch, config.schedule().epochs(), loop.envSteps(),
                scores.at(EdgeFig4Experiment.SAC, i), scores.at("random", i), scores.at("benchmark", i),
                scores.at("greedy", i), scores.at("upper-bound", i));
    }

    private Outcome outcome() {
        Rows<ChoiceRow> choices = Rows.of(ChoiceRow.class);
        choices.add(sacChoices.row(EdgeFig4Experiment.SAC));
        choices.add(randomChoices.row("random"));
        choices.add(greedyChoices.row("greedy"));
        return new Outcome(scores, List.copyOf(epochs), choices, hindsightFinal);
    }

    /**
     * One epoch's scores on {@code tasks}: mean reward of SAC's devices, of each baseline, of the best
     * device in hindsight, and the devices SAC, the random and the greedy baseline chose (for the diagnostics).
     */
    private record EpochResult(double sac, double[] baselines, double hindsight, int[] sacDevices,
                               int[] randomDevices, int[] greedyDevices) {
    }

    private EpochResult score(List<EdgeTask> tasks, int[] sacDevices, RngStream pick) {
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

    private List<EdgeTask> draw(int n, RngStream rng) {
        List<EdgeTask> tasks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            tasks.add(model.draw(rng));
        }
        return tasks;
    }

    /** SAC's greedy device (argmax π) for every task, in one batched forward pass. */
    private int[] greedy(List<EdgeTask> tasks) {
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

    /** What a method's chosen devices looked like, summed over the tasks of the final epochs. */
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

        ChoiceRow row(String method) {
            return new ChoiceRow(method, match / n, completed / n, comm / n, compute / n);
        }
    }
}
