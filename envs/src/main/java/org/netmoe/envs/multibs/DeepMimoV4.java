package org.netmoe.envs.multibs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a DeepMIMO v4 scenario folder (as {@code pip install deepmimo} downloads or converts it, e.g. {@code O1_3p5})
 * into the same {@link DeepMimoChannel} the v1/v2 loader builds. Names and units follow DeepMIMO's
 * {@code docs/resources/specs.md}, {@code consts.py} and {@code datasets/load.py}:
 * <ul>
 *   <li>{@code params.json}: {@code rt_params.frequency} (Hz) and {@code txrx_sets}, a map of
 *       {@code txrx_set_<id>} entries with {@code id}, {@code is_tx}, {@code is_rx} and {@code num_points}. The BSs
 *       are the points of the transmitting sets, in DeepMIMO's order (entries sorted by key, then point index): BS b
 *       (1-based) is the b-th of them. The users are the points of one receiving set ({@code channel.rxSet}, default
 *       the only set that receives and does not transmit).</li>
 *   <li>per BS, with {@code code = t<tx set id>_tx<point index>_r<rx set id>} (3 digits each), the file
 *       {@code <name>_<code>.mat} holding the variable {@code <name>}: {@code rx_pos} (N × 3, m), and the
 *       N × MAX_PATHS matrices {@code power} (dBW received at 0 dBW sent, i.e. the path gain in dB, the number
 *       v1/v2 gives in dBm at 0 dBm), {@code phase} (degrees), {@code aod_az}/{@code aod_el} (departure at the BS)
 *       and {@code aoa_az}/{@code aoa_el} (arrival at the user), in degrees, elevation counted from the zenith as v2's
 *       DoD/DoA zenith, and {@code inter} (interaction codes, 0 = LoS). A path is present where {@code aoa_az} is not
 *       NaN (DeepMIMO's {@code num_paths}); a user without a path to a BS has an all-NaN row.</li>
 * </ul>
 * Per user and BS the present paths go through {@code DeepMimoChannel.strongest} exactly as v1/v2 paths do. The LoS
 * tag is DeepMIMO's {@code los}: −1 without paths, 1 if the first path's code is 0, else 0; the path loss is
 * DeepMIMO's default {@code compute_pathloss()} ({@code −10·log10|Σ √(10^(p/10))·e^{jφ}|²} over all present paths,
 * NaN without paths). Only static scenarios ({@code scene.num_scenes} 1) are read. Each matrix may also be a NumPy
 * {@code <name>_<code>.npz} (DeepMIMO's default format since 4.0.0 when it converts a ray-tracing run itself), read by
 * {@link DeepMimoNpz}.
 */
final class DeepMimoV4 {
    /** The scenario file of a v4 folder. */
    static final String PARAMS = "params.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The per-path matrices read, in the order {@link #pathsOf} uses them. */
    private static final List<String> PATH_MATRICES = List.of("power", "phase", "aod_az", "aod_el", "aoa_az",
            "aoa_el", "inter");

    private DeepMimoV4() {
    }

    /** Loads users {@code firstUser…lastUser} of the receiving set and the first {@code numBs} BSs. */
    static DeepMimoChannel load(MultiBsConfig config) {
        ChannelSpec spec = config.channel();
        Path dir = Path.of(spec.path());
        Path paramsFile = dir.resolve(PARAMS);
        JsonNode params = readJson(paramsFile);
        JsonNode frequency = params.path("rt_params").path("frequency");
        if (!frequency.isNumber()) {
            throw badField(paramsFile, "rt_params.frequency", "a number (Hz)", frequency);
        }
        JsonNode scenes = params.path("scene").path("num_scenes");
        if (scenes.isNumber() && scenes.asInt() != 1) {
            throw new IllegalArgumentException("DeepMIMO file " + paramsFile + ", field scene.num_scenes: "
                    + scenes.asInt() + " scenes (a dynamic scenario); NetMoE reads static ones (1 scene)");
        }
        Map<String, JsonNode> sets = txrxSets(paramsFile, params);
        List<int[]> bss = new ArrayList<>();
        for (JsonNode set : sets.values()) {
            if (set.path("is_tx").asBoolean(false)) {
                for (int i = 0; i < set.path("num_points").asInt(0); i++) {
                    bss.add(new int[] {set.path("id").asInt(), i});
                }
            }
        }
        if (bss.size() < config.numBs()) {
            throw new IllegalArgumentException("DeepMIMO file " + paramsFile + ", field txrx_sets: the scenario has "
                    + bss.size() + " BSs (points of sets with is_tx), numBs asks for " + config.numBs());
        }
        int rx = rxSet(paramsFile, sets, spec.rxSet());
        MatFiles.Numeric pos = matrix(dir, "rx_pos", code(bss.get(0), rx));
        if (pos.cols() != 3) {
            throw pos.malformed("expected N x 3 receiver positions, found " + pos.rows() + "x" + pos.cols());
        }
        int first = spec.firstUser();
        int last = DeepMimoChannel.lastUser(spec, pos);
        int n = last - first + 1;
        double[][] locations = new double[n][];
        for (int i = 0; i < n; i++) {
            locations[i] = new double[] {pos.get(first - 1 + i, 0), pos.get(first - 1 + i, 1),
                pos.get(first - 1 + i, 2)};
            if (!Double.isFinite(locations[i][0]) || !Double.isFinite(locations[i][1])) {
                throw pos.malformed("user " + (first + i) + " has no finite position");
            }
        }
        double[][][] paths = new double[config.numBs()][n][];
        int[][] los = new int[config.numBs()][n];
        double[][] pl = new double[config.numBs()][n];
        for (int b = 0; b < config.numBs(); b++) {
            String code = code(bss.get(b), rx);
            List<MatFiles.Numeric> m = new ArrayList<>();
            for (String name : PATH_MATRICES) {
                MatFiles.Numeric f = matrix(dir, name, code);
                if (f.rows() != pos.rows() || f.cols() != (m.isEmpty() ? f.cols() : m.get(0).cols())) {
                    throw f.malformed("expected " + pos.rows() + " x " + (m.isEmpty() ? "MAX_PATHS" : m.get(0).cols())
                            + " (one row per receiver of " + pos.file().getFileName() + ", one column per path), found "
                            + f.rows() + "x" + f.cols());
                }
                m.add(f);
            }
            for (int i = 0; i < n; i++) {
                int row = first - 1 + i;
                double[][] cirDodDoa = pathsOf(m, row, first + i);
                paths[b][i] = DeepMimoChannel.strongest(cirDodDoa[0], cirDodDoa[1], cirDodDoa[2], spec.maxPaths());
                int count = cirDodDoa[0].length / 3;
                los[b][i] = count == 0 ? -1 : m.get(6).get(row, 0) == 0 ? 1 : 0;
                pl[b][i] = pathLossDb(cirDodDoa[0]);
            }
        }
        return DeepMimoChannel.of(config, locations, paths, los, pl, frequency.asDouble());
    }

    /**
     * The present paths of receiver {@code row} in v1/v2's per-path layout (3 values per path): CIR
     * {@code [phase, delay (unused, 0), power]}, DoD {@code [aod_az, aod_el, power]}, DoA {@code [aoa_az, aoa_el,
     * power]}, so that both layouts go through the same conversion.
     */
    private static double[][] pathsOf(List<MatFiles.Numeric> m, int row, int user) {
        MatFiles.Numeric aoaAz = m.get(4);
        List<Integer> present = new ArrayList<>();
        for (int k = 0; k < aoaAz.cols(); k++) {
            if (Double.isNaN(aoaAz.get(row, k))) {
                continue;
            }
            for (MatFiles.Numeric f : m.subList(0, 6)) { // inter may be NaN (unknown interactions): not LoS
                if (!Double.isFinite(f.get(row, k))) {
                    throw f.malformed("user " + user + " (row " + row + "), path " + (k + 1) + " is " + f.get(row, k)
                            + " while aoa_az has a value");
                }
            }
            present.add(k);
        }
        double[][] out = new double[3][3 * present.size()];
        for (int j = 0; j < present.size(); j++) {
            int k = present.get(j);
            double power = m.get(0).get(row, k);
            double[][] values = {{m.get(1).get(row, k), 0, power}, {m.get(2).get(row, k), m.get(3).get(row, k), power},
                {m.get(4).get(row, k), m.get(5).get(row, k), power}};
            for (int a = 0; a < 3; a++) {
                System.arraycopy(values[a], 0, out[a], 3 * j, 3);
            }
        }
        return out;
    }

    /** DeepMIMO's coherent path loss (dB) of CIR triples {@code [phase°, delay, power dB]}; NaN without paths. */
    private static double pathLossDb(double[] cir) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < cir.length; k += 3) {
            double amplitude = Math.pow(10, cir[k + 2] / 20);
            re += amplitude * Math.cos(Math.toRadians(cir[k]));
            im += amplitude * Math.sin(Math.toRadians(cir[k]));
        }
        double power = re * re + im * im;
        return power > 0 ? -10 * Math.log10(power) : Double.NaN;
    }

    private static String code(int[] bs, int rxSet) {
        return String.format("t%03d_tx%03d_r%03d", bs[0], bs[1], rxSet);
    }

    /**
     * The matrix {@code <name>_<code>.mat}, variable {@code name}, or if only {@code <name>_<code>.npz} exists its
     * array {@code name} (DeepMIMO's own loader tries .mat, then .npz).
     */
    private static MatFiles.Numeric matrix(Path dir, String name, String code) {
        Path mat = dir.resolve(name + "_" + code + ".mat");
        Path npz = dir.resolve(name + "_" + code + ".npz");
        if (Files.exists(mat)) {
            return MatFiles.read(mat, name);
        }
        if (Files.isRegularFile(npz)) {
            return DeepMimoNpz.read(npz, name);
        }
        throw new IllegalArgumentException("DeepMIMO file not found: " + mat + " (nor " + npz.getFileName()
                + "), needed for variable " + name);
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("DeepMIMO file not found: " + file);
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("DeepMIMO file " + file + ": expected a JSON object at the top");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("DeepMIMO file " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("DeepMIMO file " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The {@code txrx_set_*} entries sorted by key, as DeepMIMO's loader orders them. */
    private static Map<String, JsonNode> txrxSets(Path file, JsonNode params) {
        JsonNode node = params.path("txrx_sets");
        Map<String, JsonNode> sets = new TreeMap<>();
        node.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("txrx_set_")) {
                JsonNode set = e.getValue();
                for (String f : List.of("id", "num_points")) {
                    if (!set.path(f).canConvertToInt() || set.path(f).asInt() < 0) {
                        throw badField(file, "txrx_sets." + e.getKey() + "." + f, "a non-negative integer", set.path(f));
                    }
                }
                sets.put(e.getKey(), set);
            }
        });
        if (sets.isEmpty()) {
            throw badField(file, "txrx_sets", "a map of txrx_set_<id> entries", node);
        }
        return sets;
    }

    /** The id of the users' receiver set. */
    private static int rxSet(Path file, Map<String, JsonNode> sets, Integer wanted) {
        List<Integer> receiving = new ArrayList<>();
        List<Integer> rxOnly = new ArrayList<>();
        for (JsonNode set : sets.values()) {
            if (set.path("is_rx").asBoolean(false)) {
                receiving.add(set.path("id").asInt());
                if (!set.path("is_tx").asBoolean(false)) {
                    rxOnly.add(set.path("id").asInt());
                }
            }
        }
        if (wanted != null) {
            if (!receiving.contains(wanted)) {
                throw new IllegalArgumentException("channel.rxSet " + wanted + " is not a receiving set of " + file
                        + " (receiving sets: " + receiving + ")");
            }
            return wanted;
        }
        if (rxOnly.size() != 1) {
            throw new IllegalArgumentException("DeepMIMO file " + file + ", field txrx_sets: " + rxOnly.size()
                    + " sets receive without transmitting " + rxOnly + "; set channel.rxSet to one of " + receiving);
        }
        return rxOnly.get(0);
    }

    private static IllegalArgumentException badField(Path file, String field, String expected, JsonNode found) {
        return new IllegalArgumentException("DeepMIMO file " + file + ", field " + field + ": expected " + expected
                + ", found " + (found.isMissingNode() ? "nothing" : found.toString()));
    }
}
