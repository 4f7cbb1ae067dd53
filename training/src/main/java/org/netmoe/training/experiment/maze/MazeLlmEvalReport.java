package org.netmoe.training.experiment.maze;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netmoe.training.experiment.ExperimentContext;
import org.netmoe.training.experiment.LlmGates;
import org.netmoe.training.experiment.LlmNote;
import org.netmoe.training.experiment.maze.MazeRows.CallsRow;
import org.netmoe.training.experiment.maze.MazeRows.MethodRow;
import org.netmoe.training.experiment.maze.MazeRows.SampleRow;
import org.netmoe.training.report.Rows;

/** {@code summary.md} of {@link MazeLlmEvalExperiment}: the success table, the LLM's call record, the method. */
final class MazeLlmEvalReport {
    private MazeLlmEvalReport() {
    }

    static void write(ExperimentContext ctx, LlmGates llm, MazeLlmEvalConfig.SamplingSpec sampling,
                      MazeFig5Config.EvaluationSpec evaluation, MazeLlmEvalConfig.NetworkSpec network,
                      Rows<MethodRow> results, Rows<SampleRow> samples) throws IOException {
        StringBuilder md = new StringBuilder("# maze-llm-eval: sampled LLM plans against a converged network gate\n\n");
        md.append(String.format(Locale.ROOT, "Every plan and gate is scored on the same %d episodes (random starts,"
                + " actions %s). `llm` rows: %d plans per task and prompt style, each sampled with its own seed at"
                + " temperature %s; a plan *solves* its task at success >= %.2f. `network` rows: %d training seeds of"
                + " %d env steps each, final greedy gate. CI: 95 %% interval of the mean (Student's t; for success"
                + " clipped to [0, 1], the range of a rate). `mean_steps`: the mean over plans or seeds of each one's"
                + " mean steps of its successful episodes (plans that never succeed left out).%n%n",
                evaluation.episodes(), evaluation.actions(), sampling.samples(),
                llm.available() ? String.valueOf(llm.temperature()) : "-", sampling.solvedThreshold(), network.seeds(),
                network.steps()));
        md.append(llm.available() ? "LLM: " + llm.source() + ".\n" : LlmNote.absent(llm)).append('\n');
        md.append("## Success and steps\n\n").append(results.toMarkdown(3)).append('\n');
        if (!samples.isEmpty()) {
            md.append("## LLM calls\n\n").append(calls(samples).toMarkdown(1)).append('\n');
            md.append("Outcomes: `first-try` = valid on the first answer; `repaired` = valid after the one repair"
                    + " exchange; `fallback` = uniform weights after two invalid answers or a failed call. Latency is"
                    + " the model's time per call (a replay reports the recorded times). Every plan is in"
                    + " `llm-samples.csv`, every exchange in `llm-transcript.jsonl`.\n\n");
        }
        md.append("Files: `results.csv`, `llm-samples.csv`, `network-curves.csv` (each seed),"
                + " `network-curve-ci.csv` (mean and 95 % CI per evaluation point), `plots/convergence-<task>.png`.\n");
        Files.writeString(ctx.file("summary.md"), md.toString());
    }

    /** Per prompt style and task: plans, outcomes and latency per call. */
    static Rows<CallsRow> calls(Rows<SampleRow> samples) {
        Map<String, List<SampleRow>> groups = new LinkedHashMap<>();
        samples.stream().forEach(r -> groups.computeIfAbsent(r.style() + "\t" + r.task(), k -> new ArrayList<>()).add(r));
        Rows<CallsRow> t = Rows.of(CallsRow.class);
        groups.forEach((key, rows) -> {
            int first = 0;
            int repaired = 0;
            int fallback = 0;
            long calls = 0;
            long millis = 0;
            double maxPerCall = 0;
            for (SampleRow r : rows) {
                first += r.outcome().equals("first-try") ? 1 : 0;
                repaired += r.outcome().equals("repaired") ? 1 : 0;
                fallback += r.outcome().equals("fallback") || r.outcome().equals("failed") ? 1 : 0;
                calls += r.exchanges();
                millis += r.modelMillis();
                if (r.exchanges() > 0) {
                    maxPerCall = Math.max(maxPerCall, r.modelMillis() / 1000.0 / r.exchanges());
                }
            }
            t.add(new CallsRow(rows.get(0).style(), rows.get(0).task(), rows.size(), first, repaired, fallback, calls,
                    calls == 0 ? Double.NaN : millis / 1000.0 / calls, maxPerCall));
        });
        return t;
    }
}
