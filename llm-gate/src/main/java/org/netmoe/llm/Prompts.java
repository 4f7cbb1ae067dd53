package org.netmoe.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.moe.mix.StatePredicate;

/**
 * The prompts, kept in resource files under {@code org/netmoe/llm/prompts/} ({@code system.txt},
 * {@code user.txt}, {@code repair.txt}; {@code system-level.txt} and {@code repair-level.txt} for a
 * level answer) with {@code {{name}}} placeholders filled here.
 */
final class Prompts {
    private static final String DIR = "prompts/";

    private Prompts() {
    }

    /**
     * The system prompt: the gate's role, the three steps and the answer format (weights, or for
     * a request with {@link GateRequest#levels()} one of the levels).
     */
    static String system(GateRequest request) {
        return request.levels().map(l -> render(load("system-level.txt"), Map.of("field", l.field(),
                "levels", l.shown(), "description", l.description()))).orElseGet(() -> load("system.txt"));
    }

    /** The user prompt for {@code request}. */
    static String user(GateRequest request) {
        StringBuilder experts = new StringBuilder();
        for (ExpertInfo e : request.experts()) {
            experts.append("- ").append(e.id()).append(": ").append(e.description());
            if (!e.trainedFor().isEmpty()) {
                experts.append("; trained for: ").append(e.trainedFor());
            }
            if (!e.actionSemantics().isEmpty()) {
                experts.append("; actions: ").append(e.actionSemantics());
            }
            experts.append('\n');
        }
        StringBuilder predicates = new StringBuilder();
        for (StatePredicate p : request.predicates()) {
            predicates.append("- ").append(p.id()).append(": ").append(p.description()).append('\n');
        }
        if (request.predicates().isEmpty()) {
            predicates.append("(none: use a single \"always\" stage)\n");
        }
        return render(load("user.txt"), Map.of(
                "task", request.task(),
                "requirement", request.requirement().strip(),
                "state", request.systemState().strip().isEmpty() ? "(not described)" : request.systemState().strip(),
                "experts", experts.toString().stripTrailing(),
                "predicates", predicates.toString().stripTrailing()));
    }

    /** The repair prompt listing what was wrong with the previous answer. */
    static String repair(GateRequest request, List<String> errors) {
        if (request.levels().isPresent()) {
            return render(load("repair-level.txt"), Map.of("errors", "- " + String.join("\n- ", errors),
                    "field", request.levels().get().field(), "levels", request.levels().get().shown()));
        }
        return render(load("repair.txt"), Map.of(
                "errors", "- " + String.join("\n- ", errors),
                "expertIds", String.join(", ", request.expertIds()),
                "conditions", String.join(", ", conditions(request))));
    }

    /** The stage conditions valid for {@code request}: always, each predicate and its negation. */
    static List<String> conditions(GateRequest request) {
        List<String> c = new ArrayList<>();
        c.add("always");
        for (StatePredicate p : request.predicates()) {
            c.add(p.id());
            c.add("not:" + p.id());
        }
        return c;
    }

    private static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }

    private static String load(String name) {
        try (InputStream in = Prompts.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("prompt resource missing from the build: org/netmoe/llm/" + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt resource " + name, e);
        }
    }
}
