package org.netmoe.llm;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.netmoe.moe.mix.Condition;
import org.netmoe.moe.mix.PlanGate;
import org.netmoe.moe.mix.Stage;

/**
 * The LLM gate's answer, validated (SPEC §4 steps 1–3): the objectives it formulated from the
 * requirement, the experts it selected, and the stage-wise weights for the combiner. Step 4,
 * execution, is {@link #toGate}: a {@link PlanGate} that runs locally, step by step, without
 * calling the LLM again.
 *
 * @param objectives      step 1: the objectives in the LLM's words
 * @param selectedExperts step 2: the selected expert ids
 * @param stages          step 3: weights per stage, aligned to the request's expert order (an
 *                        unselected expert has weight 0); the first stage whose condition holds applies
 * @param rationale       the LLM's one-paragraph reason, or the fallback's explanation
 * @param source          {@code llm} (live answer), {@code cache}, {@code replay} or {@code fallback}
 * @param fallbackReason  why the fallback was used; empty unless {@code source} is {@code fallback}
 * @param exchanges       model exchanges that produced it: 1 = valid on the first answer, 2 = after the
 *                        repair exchange; 0 for the fallback when no answer came at all
 * @param modelMillis     milliseconds the model took over those exchanges (retries included), as
 *                        measured live; a replay reports the recorded time, a cache hit 0
 * @param tokens          prompt and completion tokens over those exchanges (see {@link Tokens}): as
 *                        reported live, recorded for a replay, {@link Tokens#NONE} for a cache hit, the
 *                        fallback's failed attempts, or a transcript without counts
 * @param level           for a request with {@link GateRequest#levels()}: the index of the level the LLM
 *                        answered (then {@code stages} is empty); empty for a weights answer and for the
 *                        fallback, which gives uniform weights
 */
public record GateDecision(List<String> objectives, List<String> selectedExperts, List<Stage> stages, String rationale,
                           String source, String fallbackReason, int exchanges, long modelMillis, Tokens tokens,
                           OptionalInt level) {
    /** This decision with {@code modelMillis} 0: what two runs of the same plan have in common. */
    public GateDecision withoutTiming() {
        return new GateDecision(objectives, selectedExperts, stages, rationale, source, fallbackReason, exchanges, 0,
                tokens, level);
    }

    public GateDecision {
        objectives = List.copyOf(objectives);
        selectedExperts = List.copyOf(selectedExperts);
        stages = List.copyOf(stages);
        rationale = rationale == null ? "" : rationale;
        fallbackReason = fallbackReason == null ? "" : fallbackReason;
        tokens = tokens == null ? Tokens.NONE : tokens;
        level = level == null ? OptionalInt.empty() : level;
        if (stages.isEmpty() != level.isPresent()) {
            throw new IllegalArgumentException("a gate decision has either stages or a level, had " + stages.size()
                    + " stages and level " + level);
        }
        if (exchanges < 0 || modelMillis < 0) {
            throw new IllegalArgumentException("exchanges and modelMillis must be >= 0, were " + exchanges + ", "
                    + modelMillis);
        }
    }

    /** A decision before it is known how many exchanges it took (the parser's result). */
    public GateDecision(List<String> objectives, List<String> selectedExperts, List<Stage> stages, String rationale,
                        String source, String fallbackReason) {
        this(objectives, selectedExperts, stages, rationale, source, fallbackReason, 0, 0, Tokens.NONE, OptionalInt.empty());
    }

    /** A level answer (see {@link GateRequest#levels()}): the index {@code level} of the offered levels. */
    static GateDecision ofLevel(List<String> objectives, int level, String rationale) {
        return new GateDecision(objectives, List.of(), List.of(), rationale, "llm", "", 0, 0, Tokens.NONE,
                OptionalInt.of(level));
    }

    /** Uniform weights over every expert of {@code request}, because of {@code reason}. */
    static GateDecision uniformFallback(GateRequest request, String reason) {
        double[] w = new double[request.experts().size()];
        Arrays.fill(w, 1.0 / w.length);
        return new GateDecision(List.of(), request.expertIds(), List.of(new Stage(Condition.ALWAYS, w)),
                "fallback to uniform weights: " + reason, "fallback", reason);
    }

    /** Whether this decision is the fallback, not an LLM answer. */
    public boolean fellBack() {
        return source.equals("fallback");
    }

    /** This decision, labelled with another source. */
    GateDecision withSource(String newSource) {
        return new GateDecision(objectives, selectedExperts, stages, rationale, newSource, fallbackReason, exchanges,
                modelMillis, tokens, level);
    }

    /** This decision with the exchanges, model time and tokens it took. */
    GateDecision withCalls(int newExchanges, long newModelMillis, Tokens newTokens) {
        return new GateDecision(objectives, selectedExperts, stages, rationale, source, fallbackReason, newExchanges,
                newModelMillis, newTokens, level);
    }

    /** Whether the plan was valid on the model's first answer (no repair, no fallback). */
    public boolean validFirstTry() {
        return !fellBack() && exchanges == 1;
    }

    /** Whether the plan came from the repair exchange. */
    public boolean repaired() {
        return !fellBack() && exchanges == 2;
    }

    /**
     * Step 4: the local gate that executes this plan for the experts and predicates of {@code request}.
     *
     * @throws IllegalStateException for a level answer, which is the action itself
     */
    public PlanGate toGate(String id, GateRequest request) {
        if (level.isPresent()) {
            throw new IllegalStateException("a level answer (level " + level.getAsInt() + ") has no weights to gate with");
        }
        return new PlanGate(id, stages, request.predicates(), request.expertIds());
    }

    /**
     * One line for {@code summary.md}: objectives, {@link #describe()} and the rationale, every
     * piece of LLM text on one line, capped and with Markdown syntax escaped.
     */
    public String markdown() {
        StringBuilder b = new StringBuilder("objectives [");
        for (int i = 0; i < objectives.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(LlmText.markdown(objectives.get(i), LlmText.MAX_OBJECTIVE_CHARS));
        }
        b.append("]; ").append(LlmText.markdown(describe(), 4 * LlmText.MAX_RATIONALE_CHARS));
        if (!rationale.isBlank() && !fellBack()) {
            b.append(" — \"").append(LlmText.markdown(rationale, LlmText.MAX_RATIONALE_CHARS)).append('"');
        }
        return b.toString();
    }

    /** One line: source, selection and stages, e.g. for logs and summaries. */
    public String describe() {
        StringBuilder b = new StringBuilder(source);
        if (fellBack()) {
            b.append(" (").append(LlmText.oneLine(fallbackReason, 2 * LlmText.MAX_RATIONALE_CHARS)).append(')');
        }
        if (level.isPresent()) {
            return b.append(": level index ").append(level.getAsInt()).toString();
        }
        b.append(": selected ").append(selectedExperts).append("; ");
        for (int i = 0; i < stages.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(stages.get(i).when()).append(" -> ")
                    .append(Arrays.toString(Arrays.stream(stages.get(i).weights())
                            .map(x -> Math.round(x * 1000) / 1000.0).toArray()));
        }
        return b.toString();
    }
}
