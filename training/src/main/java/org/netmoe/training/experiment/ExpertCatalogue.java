package org.netmoe.training.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.run.AgentRegistry;
import org.netmoe.training.run.ResolvedRun;

/**
 * The frozen experts of maze-fig5, maze-llm-eval and nsp-fig6: each a {@code netmoe train} sub-run
 * of the config's {@code expertTraining} on the expert's own task, resolved (so validated) with
 * the rest of the config before any training, then trained (or reused) and loaded frozen. With
 * {@code expertsDir} the experts of an earlier run are a read-only input (SPEC §8).
 */
public final class ExpertCatalogue {
    /**
     * One expert's sub-run.
     *
     * @param index the expert's index in {@code experts} (error paths)
     * @param label what it is, for the report lines, e.g. "expert a (goal)"
     * @param tree  its {@code netmoe train} config
     * @param info  its catalogue entry
     */
    public record Run(int index, String label, ObjectNode tree, ResolvedRun resolved, ExpertInfo info) {
    }

    private ExpertCatalogue() {
    }

    /**
     * Expert {@code index}'s sub-run: {@code expertTraining} with the seed of the run seed's named split
     * {@code expert/<id>} ({@link #seed}; unless {@code expertTraining} sets one), env {@code envId} with
     * params {@code envParams} under the user's {@code env.params}, then {@code forced} params on top.
     *
     * @throws ConfigException naming {@code experts[index] (id)} and the field
     */
    public static Run resolve(int index, String label, ObjectNode expertTraining, long rootSeed, String envId,
                              ObjectNode envParams, Map<String, JsonNode> forced, ExpertInfo info) {
        ObjectNode tree = expertTraining.deepCopy();
        if (!tree.has("seed")) {
            tree.put("seed", seed(rootSeed, info.id()));
        }
        ObjectNode env = tree.withObject("/env");
        env.put("id", envId);
        ObjectNode params = ConfigLoader.merge(envParams, env.path("params"));
        forced.forEach(params::set);
        env.set("params", params);
        try {
            return new Run(index, label, tree, ResolvedRun.resolve(tree, EnvRegistry.standard(),
                    AgentRegistry.standard()), info);
        } catch (ConfigException e) {
            throw wrap(index, info, e);
        }
    }

    /**
     * The training seed of expert {@code id} in a run seeded {@code rootSeed}: the named split
     * {@code expert/<id>}, so an expert's seed depends on its id alone, not on its place in the list
     * or on arithmetic with the run seed.
     */
    public static long seed(long rootSeed, String id) {
        return RngStream.deriveSeed(rootSeed, "expert/" + id);
    }

    private static ConfigException wrap(int index, ExpertInfo info, ConfigException e) {
        return new ConfigException("experts[" + index + "] (" + info.id() + "): " + e.getMessage(), e);
    }

    /**
     * Trains (or reuses) every expert into {@code runDir/experts/<id>}, or reuses them read-only
     * from {@code expertsDir}, and loads each frozen, memoized for {@code cacheEntries} observations.
     */
    public static List<Expert> freeze(ExperimentContext ctx, List<Run> runs, Optional<String> expertsDir,
                                      int cacheEntries) throws IOException {
        Path dir = expertsDir.map(Path::of).orElse(ctx.runDir().resolve("experts"));
        List<Expert> experts = new ArrayList<>();
        for (Run r : runs) {
            Path expertDir = dir.resolve(r.info().id());
            ResolvedRun run;
            try {
                run = expertsDir.isPresent() ? ctx.reuseInput("expertsDir", r.label(), r.tree(), expertDir)
                        : ctx.trainOrReuse(r.label(), r.tree(), expertDir);
            } catch (ConfigException e) {
                throw wrap(r.index(), r.info(), e);
            }
            experts.add(FrozenExperts.load(r.info(), run, expertDir, cacheEntries));
        }
        return experts;
    }

    /** Writes the catalogue, {@code experts.yaml}. */
    public static void write(ExperimentContext ctx, List<Expert> experts) throws IOException {
        List<ExpertInfo> infos = experts.stream().map(Expert::info).toList();
        Files.writeString(ctx.file("experts.yaml"), ConfigLoader.toYaml(Map.of("experts", infos)));
    }
}
