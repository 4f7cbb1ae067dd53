package org.netmoe.envs.multibs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.netmoe.core.rng.RngStream;

/**
 * Channels from a DeepMIMO ray-tracing scenario in the v1/v2 file layout of "O1" (Alkhateeb 2019), read with
 * MFL. Per BS {@code b} (1-based, BSs 1…numBs are loaded):
 * <ul>
 *   <li>{@code <s>.<b>.CIR.mat}, variable {@code CIR_array_full}: a flat vector {@code [total users, then per user:
 *       user id, number of paths P, then per path: path no., phase (deg), delay (s), power (dBm at 0 dBm sent)]};</li>
 *   <li>{@code <s>.<b>.DoD.mat} / {@code DoD_array_full} and {@code <s>.<b>.DoA.mat} / {@code DoA_array_full}: the same
 *       layout with {@code azimuth (deg), zenith (deg), power} per path, of departure at the BS and arrival at the UE
 *       (the ray tracer sends from the BS);</li>
 *   <li>{@code <s>.<b>.LoS.mat} / {@code LOS_tag_array_full}: {@code [total, tag per user]} (1 LoS, 0 NLoS, −1 no
 *       path); {@code <s>.<b>.PL.mat} / {@code PL_array_full}: per user {@code [distance (m), path loss (dB)]};</li>
 * </ul>
 * and for the scenario {@code <s>.Loc.mat} / {@code Loc_array_full} (per user {@code [id, x, y, z]}) and
 * {@code <s>.params.mat} ({@code num_BS}, {@code carrier_freq}, {@code user_grids}).
 *
 * <p><b>Channel.</b> By reciprocity the uplink arrives at the BS along the DoD and leaves the UE along the DoA. The
 * {@code maxPaths} strongest paths enter {@link ArrayChannel} with amplitude {@code 10^(power/20)}, the phase given,
 * elevation {@code 90° − zenith}; the BS UPA lies in the y–z plane (broadside +x, DeepMIMO's default), and, since the
 * O1 files carry no polarization, each path reaches both slants with {@code 1/√2}.
 *
 * <p><b>UEs</b> are the loaded users with at least one path to a loaded BS, drawn uniformly.
 *
 * <p>{@link #load} reads a DeepMIMO v4 folder ({@code params.json} plus per-BS matrices) through {@link DeepMimoV4}
 * instead, by {@code channel.format} or by the files present ({@link DeepMimoFormat}); both give the same channels
 * for the same paths.
 */
public final class DeepMimoChannel implements ChannelModel {
    private final MultiBsConfig config;
    private final double[][] locations;
    /** paths[b][user]: 6 doubles per path (amplitude, phase, azA, elA, azD, elD). */
    private final double[][][] paths;
    private final int[][] losTags;
    private final double[][] pathLossDb;
    private final int[] reachable;
    private final Map<Xy, Integer> byLocation = new HashMap<>();
    private final double carrierHz;

    private record Xy(double x, double y) {
    }

    private DeepMimoChannel(MultiBsConfig config, double[][] locations, double[][][] paths, int[][] losTags,
                            double[][] pathLossDb, double carrierHz) {
        this.config = config;
        this.locations = locations;
        this.paths = paths;
        this.losTags = losTags;
        this.pathLossDb = pathLossDb;
        this.carrierHz = carrierHz;
        List<Integer> ok = new ArrayList<>();
        for (int u = 0; u < locations.length; u++) {
            byLocation.put(new Xy(locations[u][0], locations[u][1]), u);
            boolean any = false;
            for (double[][] bs : paths) {
                any |= bs[u].length > 0;
            }
            if (any) {
                ok.add(u);
            }
        }
        if (ok.isEmpty()) {
            throw new IllegalArgumentException("DeepMIMO scenario in " + config.channel().path()
                    + ": no loaded user has a path to any of the " + paths.length + " loaded BSs");
        }
        this.reachable = ok.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Loads users {@code firstUser…lastUser} and BSs 1…{@code numBs} of the scenario named by {@code config.channel()}.
     *
     * @throws IllegalArgumentException naming the file and variable if one is missing or malformed, or if the
     *                                  scenario has fewer than {@code numBs} BSs
     */
    public static DeepMimoChannel load(MultiBsConfig config) {
        ChannelSpec spec = config.channel();
        Path dir = Path.of(spec.path());
        String s = spec.scenario() != null ? spec.scenario() : dir.getFileName().toString();
        if (DeepMimoFormat.of(spec, dir, dir.resolve(s + ".params.mat")) == DeepMimoFormat.V4) {
            return DeepMimoV4.load(config);
        }
        MatFiles.Numeric params = MatFiles.read(dir.resolve(s + ".params.mat"), "num_BS");
        int numBs = (int) params.scalar();
        if (numBs < config.numBs()) {
            throw params.malformed("the scenario has " + numBs + " BSs, numBs asks for " + config.numBs());
        }
        double carrier = MatFiles.read(dir.resolve(s + ".params.mat"), "carrier_freq").scalar();
        MatFiles.Numeric loc = MatFiles.read(dir.resolve(s + ".Loc.mat"), "Loc_array_full");
        if (loc.cols() < 4) {
            throw loc.malformed("expected rows [id, x, y, z], found " + loc.cols() + " columns");
        }
        int first = spec.firstUser();
        int last = lastUser(spec, loc);
        int n = last - first + 1;
        double[][] locations = new double[n][];
        for (int i = 0; i < n; i++) {
            locations[i] = new double[] {loc.get(first - 1 + i, 1), loc.get(first - 1 + i, 2), loc.get(first - 1 + i, 3)};
        }
        double[][][] paths = new double[config.numBs()][][];
        int[][] los = new int[config.numBs()][n];
        double[][] pl = new double[config.numBs()][n];
        for (int b = 1; b <= config.numBs(); b++) {
            String prefix = s + "." + b + ".";
            List<double[]> cir = perUser(MatFiles.read(dir.resolve(prefix + "CIR.mat"), "CIR_array_full"), first, last);
            List<double[]> dod = perUser(MatFiles.read(dir.resolve(prefix + "DoD.mat"), "DoD_array_full"), first, last);
            List<double[]> doa = perUser(MatFiles.read(dir.resolve(prefix + "DoA.mat"), "DoA_array_full"), first, last);
            MatFiles.Numeric losFile = MatFiles.read(dir.resolve(prefix + "LoS.mat"), "LOS_tag_array_full");
            MatFiles.Numeric plFile = MatFiles.read(dir.resolve(prefix + "PL.mat"), "PL_array_full");
            if (losFile.values().length < last + 1) {
                throw losFile.malformed("expected [total, one tag per user] for user " + last + ", found "
                        + losFile.values().length + " values");
            }
            if (plFile.rows() < last || plFile.cols() < 2) {
                throw plFile.malformed("expected rows [distance, path loss] for user " + last + ", found "
                        + plFile.rows() + "x" + plFile.cols());
            }
            paths[b - 1] = new double[n][];
            for (int i = 0; i < n; i++) {
                if (cir.get(i).length != dod.get(i).length || cir.get(i).length != doa.get(i).length) {
                    throw new IllegalArgumentException("DeepMIMO files " + prefix + "CIR/DoD/DoA.mat disagree on the"
                            + " number of paths of user " + (first + i));
                }
                paths[b - 1][i] = strongest(cir.get(i), dod.get(i), doa.get(i), spec.maxPaths());
                los[b - 1][i] = (int) losFile.values()[first + i];
                pl[b - 1][i] = plFile.get(first - 1 + i, 1);
            }
        }
        return new DeepMimoChannel(config, locations, paths, los, pl, carrier);
    }

    /** A channel of the given per-user data (see the fields); for the v4 loader. */
    static DeepMimoChannel of(MultiBsConfig config, double[][] locations, double[][][] paths, int[][] losTags,
                              double[][] pathLossDb, double carrierHz) {
        return new DeepMimoChannel(config, locations, paths, losTags, pathLossDb, carrierHz);
    }

    /**
     * The last user (1-based) {@code spec} loads from a file with one row per user.
     *
     * @throws IllegalArgumentException naming {@code users}' file and variable if the range lies beyond it
     */
    static int lastUser(ChannelSpec spec, MatFiles.Numeric users) {
        int last = spec.lastUser() == 0 ? users.rows() : spec.lastUser();
        if (last > users.rows()) {
            throw users.malformed("channel.lastUser " + last + " exceeds the " + users.rows() + " users in the file");
        }
        if (spec.firstUser() > last) {
            throw users.malformed("channel.firstUser " + spec.firstUser() + " is beyond the last user " + last
                    + (spec.lastUser() == 0 ? " (the file has " + users.rows() + " users)" : ""));
        }
        return last;
    }

    /**
     * Splits a DeepMIMO flat path array into per-user blocks of 3 values per path (the 3 after each path
     * number), for users {@code first…last}; validates user and path numbering.
     */
    private static List<double[]> perUser(MatFiles.Numeric f, int first, int last) {
        double[] v = f.values();
        if (v.length == 0 || v[0] < last) {
            throw f.malformed("declares " + (v.length == 0 ? 0 : (long) v[0]) + " users, need " + last);
        }
        List<double[]> users = new ArrayList<>();
        int i = 1;
        for (int user = 1; user <= last; user++) {
            if (i + 1 >= v.length && i < v.length && v[i] == user) {
                throw f.malformed("the data ends after the id of user " + user + " (its path count is missing)");
            }
            if (i + 1 >= v.length || v[i] != user) {
                throw f.malformed("expected user " + user + " at index " + i + ", found "
                        + (i < v.length ? String.valueOf(v[i]) : "the end of the data"));
            }
            int p = (int) v[i + 1];
            if (p < 0 || i + 2 + 4L * p > v.length) {
                throw f.malformed("user " + user + " declares " + p + " paths, beyond the data");
            }
            double[] block = new double[3 * p];
            for (int k = 0; k < p; k++) {
                int at = i + 2 + 4 * k;
                if (v[at] != k + 1) {
                    throw f.malformed("user " + user + ": expected path " + (k + 1) + " at index " + at + ", found "
                            + v[at]);
                }
                System.arraycopy(v, at + 1, block, 3 * k, 3);
            }
            if (user >= first) {
                users.add(block);
            }
            i += 2 + 4 * p;
        }
        return users;
    }

    /**
     * The {@code max} strongest paths as (amplitude, phase, azA, elA, azD, elD), from per-path triples CIR
     * {@code [phase°, delay, power dB]}, DoD {@code [azimuth°, zenith°, power]}, DoA {@code [azimuth°, zenith°,
     * power]}.
     */
    static double[] strongest(double[] cir, double[] dod, double[] doa, int max) {
        int p = cir.length / 3;
        List<double[]> all = new ArrayList<>(p);
        for (int k = 0; k < p; k++) {
            double powerDbm = cir[3 * k + 2];
            all.add(new double[] {Math.pow(10, powerDbm / 20), Math.toRadians(cir[3 * k]),
                    Math.toRadians(dod[3 * k]), Math.toRadians(90 - dod[3 * k + 1]),
                    Math.toRadians(doa[3 * k]), Math.toRadians(90 - doa[3 * k + 1])});
        }
        all.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
        int keep = Math.min(max, all.size());
        double[] out = new double[6 * keep];
        for (int k = 0; k < keep; k++) {
            System.arraycopy(all.get(k), 0, out, 6 * k, 6);
        }
        return out;
    }

    @Override
    public List<FieldMatrix<Complex>> channels(double x, double y) {
        Integer u = byLocation.get(new Xy(x, y));
        if (u == null) {
            throw new IllegalArgumentException("no DeepMIMO user at (" + x + ", " + y + ")");
        }
        Complex half = new Complex(1 / Math.sqrt(2), 0);
        List<FieldMatrix<Complex>> h = new ArrayList<>(paths.length);
        for (double[][] bs : paths) {
            double[] p = bs[u];
            List<ArrayChannel.Path> list = new ArrayList<>(p.length / 6);
            for (int k = 0; k < p.length; k += 6) {
                list.add(new ArrayChannel.Path(p[k], p[k + 1], p[k + 2], p[k + 3], p[k + 4], p[k + 5], half, half));
            }
            h.add(ArrayChannel.of(list, config, 0));
        }
        return h;
    }

    @Override
    public double[] drawUe(RngStream rng) {
        double[] l = locations[reachable[rng.nextInt(reachable.length)]];
        return new double[] {l[0], l[1]};
    }

    @Override
    public double[] area() {
        double[] a = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (double[] l : locations) {
            a[0] = Math.min(a[0], l[0]);
            a[1] = Math.min(a[1], l[1]);
            a[2] = Math.max(a[2], l[0]);
            a[3] = Math.max(a[3], l[1]);
        }
        return a;
    }

    @Override
    public boolean hasUe(double x, double y) {
        return byLocation.containsKey(new Xy(x, y));
    }

    /** Loaded users. */
    public int users() {
        return locations.length;
    }

    /** Loaded users with at least one path (the ones UEs are drawn from). */
    public int reachableUsers() {
        return reachable.length;
    }

    /** The LoS tag (1 LoS, 0 NLoS, −1 no path) of loaded user {@code user} (0-based) to BS {@code bs} (0-based). */
    public int losTag(int bs, int user) {
        return losTags[bs][user];
    }

    /** The file's path loss in dB of loaded user {@code user} to BS {@code bs} (0-based). */
    public double pathLossDb(int bs, int user) {
        return pathLossDb[bs][user];
    }

    /** The scenario's carrier frequency in Hz ({@code params.carrier_freq}). */
    public double carrierHz() {
        return carrierHz;
    }
}
