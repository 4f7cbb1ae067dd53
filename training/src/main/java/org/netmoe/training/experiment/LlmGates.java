package org.netmoe.training.experiment;

import java.util.Optional;
import org.netmoe.llm.GateDecision;
import org.netmoe.llm.GateRequest;
import org.netmoe.llm.LlmConfig;
import org.netmoe.llm.LlmGateException;
import org.netmoe.llm.LlmGatePlanner;
import org.netmoe.llm.LlmText;
import org.netmoe.moe.mix.Gate;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.training.config.ConfigException;

/**
 * The {@code llm} gate inside an experiment: binds the config's {@code llm:} section to
 * {@link LlmConfig}, opens a live {@link LlmGatePlanner} (or a replaying one for
 * {@code --llm-replay RUN_DIR}), and turns each request into a locally executed gate.
 * Without an endpoint the gate is skipped with one line saying why and how to add one.
 */
public final class LlmGates implements AutoCloseable {
    /** How to add an endpoint, printed when the gate is skipped. */
    public static final String HOW_TO = "to add it, point it at an endpoint, e.g. --set llm.baseUrl=http://localhost:11434/v1"
            + " --set llm.model=llama3.1 (Ollama; vLLM: http://localhost:8000/v1) or --set"
            + " llm.baseUrl=https://api.openai.com/v1 --set llm.model=gpt-4o-mini --set llm.apiKeyEnv=OPENAI_API_KEY, or run"
            + " a small model in process: --set llm.provider=local --set llm.modelPath=$(scripts/fetch-local-llm.sh)";

    private final ExperimentContext ctx;
    private final LlmConfig config;
    private final LlmGatePlanner planner;
    private final String skipReason;

    private LlmGates(ExperimentContext ctx, LlmConfig config, LlmGatePlanner planner, String skipReason) {
        this.ctx = ctx;
        this.config = config;
        this.planner = planner;
        this.skipReason = skipReason;
    }

    /**
     * The llm gate of this run, configured by {@code cfg} (the experiment's bound {@code llm} section):
     * replaying when {@code --llm-replay} was given, live when an endpoint is configured (and its key
     * present), otherwise skipped (one line on the output).
     */
    public static LlmGates open(ExperimentContext ctx, LlmConfig cfg) {
        if (ctx.llmReplay().isPresent()) {
            try {
                LlmGatePlanner p = LlmGatePlanner.replaying(cfg, ctx.llmReplay().get(), ctx.runDir());
                LlmConfig recorded = p.config();
                ctx.say("llm gate: replaying the answers of " + recorded.model() + " (response format "
                        + recorded.responseFormat() + ") recorded in " + ctx.llmReplay().get().resolve(
                        "llm-transcript.jsonl") + " (no endpoint is called)"
                        + (cfg.configured() && !cfg.model().equals(recorded.model()) ? "; llm.model " + cfg.model()
                        + " of this config is not used" : ""));
                return new LlmGates(ctx, recorded, p, null);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
        Optional<String> why = LlmGatePlanner.unavailableReason(cfg, System::getenv);
        if (why.isPresent()) {
            return new LlmGates(ctx, cfg, null, why.get());
        }
        ctx.say("llm gate: " + cfg.model() + " at " + cfg.endpoint() + " (transcript llm-transcript.jsonl"
                + (cfg.cache() ? ", answer cache " + cfg.cachePath() : "") + ")");
        try {
            return new LlmGates(ctx, cfg, LlmGatePlanner.live(cfg, ctx.runDir()), null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e); // e.g. llm.modelPath: no model file at ...
        } catch (RuntimeException e) {
            if (!cfg.local()) {
                throw e;
            }
            throw new ConfigException("llm.modelPath: llama.cpp cannot load " + cfg.modelPath() + ": "
                    + LlmText.oneLine(String.valueOf(e.getMessage()), 200), e);
        }
    }

    /** Whether the gate runs in this experiment (an endpoint or a replay is available). */
    public boolean available() {
        return planner != null;
    }

    /** Why the gate is skipped; empty when it runs. */
    public String skipReason() {
        return skipReason == null ? "" : skipReason;
    }

    /** Says once that the gate is skipped, and why, if it is. */
    public void sayIfSkipped() {
        if (!available()) {
            ctx.say("llm gate skipped: " + skipReason + "; " + HOW_TO);
        }
    }

    /** The sampling temperature in use (for a replay, the recorded one). */
    public double temperature() {
        return config.temperature();
    }

    /** The model (or "replay") that answered, for summaries. */
    public String source() {
        return ctx.llmReplay().isPresent() ? "replay of " + config.model() + " from " + ctx.llmReplay().get()
                : config.model() + " at " + config.endpoint();
    }

    /** The decision for {@code request} and its gate, or empty when it failed with fallback {@code none}. */
    public Optional<Planned> plan(GateRequest request) {
        if (planner == null) {
            throw new IllegalStateException("llm gate is not available: " + skipReason);
        }
        try {
            GateDecision d = planner.plan(request);
            if (d.fellBack()) {
                ctx.say("llm gate on " + request.task() + " fell back to uniform weights: "
                        + LlmText.oneLine(d.fallbackReason(), 2 * LlmText.MAX_RATIONALE_CHARS));
            }
            return Optional.of(new Planned(d, request));
        } catch (LlmGateException e) {
            ctx.say("llm gate failed on " + request.task() + " (llm.fallback: none): "
                    + LlmText.oneLine(e.getMessage(), 2 * LlmText.MAX_RATIONALE_CHARS));
            return Optional.empty();
        }
    }

    /**
     * Tells the planner that {@code planned}'s gate was evaluated; only then is its answer
     * cached (see {@link LlmGatePlanner#executed}).
     */
    public void executed(Planned planned) {
        planner.executed(planned.decision());
    }

    /** A decision and the request it answers. */
    public record Planned(GateDecision decision, GateRequest request) {
        /**
         * The gate executing the decision's plan.
         *
         * @throws IllegalStateException for a level answer ({@link GateDecision#level()}), which is the action itself
         */
        public Gate gate() {
            return decision.toGate(GateIds.LLM, request);
        }
    }

    @Override
    public void close() {
        if (planner != null) {
            planner.close();
        }
    }
}
