package org.netmoe.training.experiment.dmoe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netmoe.core.Require;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.dmoe.DmoeConfig;
import org.netmoe.envs.dmoe.DmoeSelectEnv;
import org.netmoe.envs.dmoe.RouterTrace;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;
import org.netmoe.training.experiment.ExperimentConfigs;
import org.netmoe.training.run.AgentRegistry;
import org.netmoe.training.run.ResolvedRun;

/**
 * The whole of {@code configs/dmoe-table1.yaml}, bound and checked before any work by {@link #bind}.
 * Fields the file leaves out come from {@code dmoe-table1.defaults.yaml} (a resource beside
 * {@link ExperimentConfigs}); {@code system} and {@code dmoe} are merged over
 * {@link DmoeConfig#defaults()} and {@link DmoeSpec#defaults()}.
 *
 * @param experiment  {@code dmoe-table1}
 * @param seed        the root seed
 * @param system      the simulated DMoE system: K, L, M, the channel, a_j and the synthetic gating scores
 * @param dmoe        what is simulated: queries, D, the γ0 and z of every curve and table, the selector's tokens
 * @param selector    the learned selector's {@code netmoe train} config (its env is set to {@code dmoe-select}
 *                    with {@code system} and D under {@code env.params}); required when
 *                    {@code dmoe.selectorTokens > 0}
 * @param selectorDir the learned selector of an earlier run, a read-only input; empty trains it into the run
 *                    directory's {@code selector/}
 */
public record DmoeTable1Config(String experiment, long seed, DmoeConfig system, DmoeSpec dmoe,
                               Optional<ObjectNode> selector, Optional<String> selectorDir) {

    /**
     * {@code config} (a dmoe-table1 config file's tree with its {@code --set} overrides) merged over the
     * defaults, bound and checked before the simulation: D against K, the learned selector's train config
     * resolved, the router trace read and checked against K and L.
     *
     * @throws ConfigException naming the field
     */
    public static Checked bind(ObjectNode config) {
        ObjectNode tree = ExperimentConfigs.overDefaults("dmoe-table1", config);
        ExperimentConfigs.underRecord(tree, "system", DmoeConfig.defaults());
        ExperimentConfigs.underRecord(tree, "dmoe", DmoeSpec.defaults());
        DmoeTable1Config c = ExperimentConfigs.bind(tree, DmoeTable1Config.class);
        if (c.dmoe().maxExperts() > c.system().experts()) {
            throw new ConfigException("dmoe.maxExperts must be <= system.experts = " + c.system().experts() + ", was "
                    + c.dmoe().maxExperts());
        }
        Optional<ObjectNode> selectorRun = c.dmoe().selectorTokens() > 0 ? Optional.of(c.selectorRun())
                : Optional.empty();
        Optional<RouterTrace> trace = c.dmoe().routerTrace().map(c::trace);
        return new Checked(c, selectorRun, trace);
    }

    /**
     * The bound config with what was checked.
     *
     * @param selectorRun the learned selector's {@code netmoe train} config on {@code dmoe-select}, resolved
     *                    once (so valid); empty when {@code dmoe.selectorTokens} is 0
     * @param trace       the router trace of {@code dmoe.routerTrace}, with rows for every layer and K score
     *                    columns; empty for synthetic gating scores
     */
    public record Checked(DmoeTable1Config config, Optional<ObjectNode> selectorRun, Optional<RouterTrace> trace) {
    }

    /** The learned selector's train config on {@code dmoe-select}, resolved; errors name {@code selector}. */
    private ObjectNode selectorRun() {
        ObjectNode tree = selector.map(ObjectNode::deepCopy)
                .orElseThrow(() -> new ConfigException("selector: missing (a netmoe train config: agent, train)"));
        if (!tree.has("seed")) {
            tree.put("seed", RngStream.deriveSeed(seed, "selector/train"));
        }
        ObjectNode env = tree.withObject("/env");
        env.put("id", DmoeSelectEnv.SPEC.id());
        env.set("params", ConfigLoader.merge(ConfigLoader.toTree(system.withMaxExperts(dmoe.maxExperts())),
                env.path("params")));
        try {
            ResolvedRun.resolve(tree, EnvRegistry.standard(), AgentRegistry.standard());
        } catch (ConfigException e) {
            throw new ConfigException("selector: " + e.getMessage(), e);
        }
        return tree;
    }

    /** The router trace in {@code file}, checked against K and L; errors name {@code dmoe.routerTrace}. */
    private RouterTrace trace(String file) {
        RouterTrace t;
        try {
            t = RouterTrace.read(Path.of(file));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigException("dmoe.routerTrace: " + e.getMessage(), e);
        }
        if (t.experts() != system.experts()) {
            throw new ConfigException("dmoe.routerTrace: " + file + " has " + t.experts() + " score columns but"
                    + " system.experts is " + system.experts());
        }
        for (int l = 1; l <= system.layers(); l++) {
            if (t.layer(l).isEmpty()) {
                throw new ConfigException("dmoe.routerTrace: " + file + " has no rows for layer " + l
                        + " (system.layers = " + system.layers() + ")");
            }
        }
        return t;
    }

    /**
     * The {@code dmoe} section: what is simulated.
     *
     * @param queries           independent queries simulated; each runs all L layers with fresh channels
     *                          and gating scores per layer, in [1, 1000]
     * @param tokensPerExpert   N_i, tokens of the query each expert holds, in [1, 10000]
     * @param maxExperts        D, in [1, K]
     * @param layerGammas       γ0 of the JESA and LB curves per layer (Fig. 7–9), each in (0, 1]
     * @param homogeneousZ      z of the homogeneous baseline H(z, D) per layer (γ = 1 on every layer), in (0, 1]
     * @param table1Gammas      γ0 of the Table I rows DES(γ0, D), each in (0, 1]
     * @param tradeoffGammas    γ0 swept for JESA in the energy–relevance trade-off (Fig. 10), each in (0, 1]
     * @param tradeoffZs        z swept for H(z, D) in the trade-off, each in (0, 1]
     * @param jesaMaxIterations cap on JESA's block-coordinate rounds, in [1, 1000]
     * @param selectorTokens    tokens the learned selector is evaluated on (0 skips it), in [0, 1000000]
     * @param routerTrace       optional CSV of real router scores ({@link RouterTrace}); when set, each layer's
     *                          tokens are the trace's rows of that layer (every query reuses them with fresh
     *                          channels) and {@code tokensPerExpert} is ignored; empty = synthetic
     */
    public record DmoeSpec(int queries, int tokensPerExpert, int maxExperts, List<Double> layerGammas,
                           double homogeneousZ, List<Double> table1Gammas, List<Double> tradeoffGammas,
                           List<Double> tradeoffZs, int jesaMaxIterations, int selectorTokens,
                           Optional<String> routerTrace) {
        public DmoeSpec {
            Require.inRange("queries", queries, 1, 1000);
            Require.inRange("tokensPerExpert", tokensPerExpert, 1, 10000);
            Require.positive("maxExperts", maxExperts);
            layerGammas = fractions("layerGammas", layerGammas);
            Require.inRange("homogeneousZ", homogeneousZ, Double.MIN_VALUE, 1.0);
            table1Gammas = fractions("table1Gammas", table1Gammas);
            tradeoffGammas = fractions("tradeoffGammas", tradeoffGammas);
            tradeoffZs = fractions("tradeoffZs", tradeoffZs);
            Require.inRange("jesaMaxIterations", jesaMaxIterations, 1, 1000);
            Require.inRange("selectorTokens", selectorTokens, 0, 1_000_000);
            Require.nonNull("routerTrace", routerTrace);
        }

        /** Full-size defaults: 4 queries of 8 tokens per expert, D = 2, the paper's γ0 values. */
        public static DmoeSpec defaults() {
            return new DmoeSpec(4, 8, 2, List.of(0.8, 0.9, 0.95), 0.5, List.of(0.6, 0.7, 0.8),
                    List.of(0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95, 0.98),
                    List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), 30, 4000, Optional.empty());
        }

        /** The methods of the per-layer table and Fig. 7–9, in order: Top-2, JESA and LB per γ0, H(z). */
        public List<String> layerMethods() {
            List<String> methods = new ArrayList<>(List.of("Top-2"));
            for (double g : layerGammas) {
                methods.add(DmoeSimulation.key("JESA", g));
                methods.add(DmoeSimulation.key("LB", g));
            }
            methods.add(DmoeSimulation.key("H", homogeneousZ));
            return methods;
        }

        private static List<Double> fractions(String field, List<Double> values) {
            Require.nonNull(field, values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(field + " must not be empty");
            }
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                if (!(v > 0 && v <= 1)) {
                    throw new IllegalArgumentException(field + "[" + i + "] must be in (0, 1], was " + v);
                }
            }
            return List.copyOf(values);
        }
    }
}
