package org.netmoe.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One task of a sweep: a complete {@code netmoe train} or {@code experiment} config.
 *
 * @param index      position in the plan, from 0
 * @param id         the task's name and run-directory name, e.g. {@code t003}
 * @param kind       what the config is run with
 * @param configYaml the task's config (the base with the task's values set), YAML
 * @param params     the swept values, {@code seed} first, as text, in file order
 */
public record SweepTask(int index, String id, Kind kind, String configYaml, LinkedHashMap<String, String> params)
        implements Serializable {

    /** Which NetMoE entry point ({@code org.netmoe.training.cli.Runs}) runs a task. */
    public enum Kind {
        /** {@code Runs.train} ({@code Runs.resume} from its checkpoint on a retry). */
        TRAIN,
        /** {@code Runs.experiment} reusing its run directory (finished sub-runs kept, the unfinished one resumed). */
        EXPERIMENT
    }

    /** The task's configuration without its seed, e.g. {@code agent.id=ppo}; tasks differing only in seed share it. */
    public String configuration() {
        String c = params.entrySet().stream().filter(e -> !e.getKey().equals("seed"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return c.isEmpty() ? "base" : c;
    }

    /** The task's seed as text. */
    public String seed() {
        return params.getOrDefault("seed", "");
    }

    /** The swept values, unmodifiable. */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(params);
    }
}
