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
import org.netmoe.training.report.Table;

/** {@code summary.md} of {@link MazeLlmEvalExperiment}: the success table, the LLM's call record, the method. */
final class MazeLlmEvalReport {
    private MazeLlmEvalReport() {
    }

    static void write(ExperimentContext ctx, LlmGates llm, MazeLlmEvalConfig.SamplingSpec sampling,
                      MazeFig5Config.EvaluationSpec evaluation, MazeLlmEvalConfig.NetworkSpec network, Table results,
                      Table samples) throws IOException {
        StringBuilder md = new StringBuilder("# maze-llm-eval: sampled LLM plans against a converged network gate\n\n");
        md.append(String.format(Locale.ROOT, "Every plan and gate is scored on the same %d episodes (random starts,"
                + " actions %s). `llm` rows: %d plans per task and prompt style, each sampled with its own seed at"
                + " temperature %s; a plan *solves* its task at success >= %.2f. `network` rows: %d training seeds of"
                + " %d env steps each, final greedy gate. CI: 95 %% interval of the mean (Student's t).%n%n",
                evaluation.episodes(), evaluation.actions(), sampling.samples(),
                llm.available() ? String.valueOf(llm.temperature()) : "-", sampling.solvedThreshold(), network.seeds(),
                network.steps()));
        md.append(llm.available() ? "LLM: " + llm.source() + ".\n\n" : "The `llm` gate is absent: " + llm.skipReason()
                + "; " + LlmGates.HOW_TO + ".\n\n");
        md.append("## Success\n\n").append(results.toMarkdown(3)).append('\n');
        if (samples.size() > 0) {
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
    static Table calls(Table samples) {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            rows.computeIfAbsent(samples.cell(i, "style") + "\t" + samples.cell(i, "task"), k -> new ArrayList<>()).add(i);
        }
        Table t = Table.of("style", "task", "plans", "first_try", "repaired", "fallback", "calls", "mean_s_per_call",
                "max_s_per_call");
        rows.forEach((key, idx) -> {
            int first = 0;
            int repaired = 0;
            int fallback = 0;
            long calls = 0;
            long millis = 0;
            double maxPerCall = 0;
            for (int i : idx) {
                String o = (String) samples.cell(i, "outcome");
                first += o.equals("first-try") ? 1 : 0;
                repaired += o.equals("repaired") ? 1 : 0;
                fallback += o.equals("fallback") || o.equals("failed") ? 1 : 0;
                int n = ((Number) samples.cell(i, "exchanges")).intValue();
                long ms = ((Number) samples.cell(i, "model_millis")).longValue();
                calls += n;
                millis += ms;
                if (n > 0) {
                    maxPerCall = Math.max(maxPerCall, ms / 1000.0 / n);
                }
            }
            String[] k = key.split("\t");
            t.add(k[0], k[1], idx.size(), first, repaired, fallback, calls, calls == 0 ? Double.NaN : millis / 1000.0 / calls,
                    maxPerCall);
        });
        return t;
    }
}
