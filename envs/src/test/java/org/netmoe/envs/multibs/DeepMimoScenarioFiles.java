package org.netmoe.envs.multibs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.math3.complex.Complex;
import org.nd4j.linalg.factory.Nd4j;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * A small random ray-tracing scenario written in both DeepMIMO layouts: v1/v2 ("O1": flat CIR/DoD/DoA arrays) and
 * v4 ({@code params.json} plus per-BS N × MAX_PATHS float32 matrices with NaN where a path is absent). Every value
 * is a float, so both layouts hold exactly the same numbers.
 */
final class DeepMimoScenarioFiles {
    /** Paths per row of the v4 matrices (DeepMIMO's MAX_PATHS of this scenario). */
    static final int MAX_PATHS = 5;
    /** The v4 id of the BS set (transmits and receives) and of the users' set. */
    static final int BS_SET = 1;
    static final int USER_SET = 0;

    /** One path: gain (dB), phase, departure at the BS and arrival at the user (degrees, zenith), interaction code. */
    record PathData(double powerDb, double phaseDeg, double aodAz, double aodEl, double aoaAz, double aoaEl,
                    double inter) {
    }

    final int numBs;
    final double[][] positions;
    /** paths.get(b).get(u): the paths of user u to BS b in the ray tracer's order. */
    final List<List<List<PathData>>> paths = new ArrayList<>();

    /**
     * {@code users} users and {@code numBs} BSs drawn from {@code seed}; user 3 (1-based) has no path to any BS,
     * user 5 none to BS 1, the others 1…MAX_PATHS paths.
     */
    DeepMimoScenarioFiles(int numBs, int users, long seed) {
        Random rng = new Random(seed);
        this.numBs = numBs;
        this.positions = new double[users][];
        for (int u = 0; u < users; u++) {
            positions[u] = new double[] {f(10.0 * u), f(-5.0 + 2.5 * u), 2};
        }
        for (int b = 0; b < numBs; b++) {
            List<List<PathData>> bs = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int count = u == 2 || (u == 4 && b == 0) ? 0 : 1 + rng.nextInt(MAX_PATHS);
                List<PathData> list = new ArrayList<>();
                for (int k = 0; k < count; k++) {
                    list.add(new PathData(f(-120 + 60 * rng.nextDouble()), f(-180 + 360 * rng.nextDouble()),
                            f(360 * rng.nextDouble()), f(60 + 60 * rng.nextDouble()), f(360 * rng.nextDouble()),
                            f(60 + 60 * rng.nextDouble()), k == 0 && rng.nextBoolean() ? 0 : 1 + rng.nextInt(3)));
                }
                bs.add(list);
            }
            paths.add(bs);
        }
    }

    private static double f(double v) {
        return (float) v;
    }

    int users() {
        return positions.length;
    }

    /** DeepMIMO's LoS tag of user {@code u} to BS {@code b} (0-based). */
    int losTag(int b, int u) {
        List<PathData> p = paths.get(b).get(u);
        return p.isEmpty() ? -1 : p.get(0).inter() == 0 ? 1 : 0;
    }

    /** DeepMIMO's coherent path loss (dB) of user {@code u} to BS {@code b}; 0 without paths (as v2 files hold). */
    double pathLossDb(int b, int u) {
        Complex sum = Complex.ZERO;
        for (PathData p : paths.get(b).get(u)) {
            sum = sum.add(Complex.I.multiply(Math.toRadians(p.phaseDeg())).exp()
                    .multiply(Math.pow(10, p.powerDb() / 20)));
        }
        return paths.get(b).get(u).isEmpty() ? 0 : -20 * Math.log10(sum.abs());
    }

    /** Writes the v1/v2 layout as folder {@code name} (file prefix {@code name}) under {@code parent}. */
    Path writeV2(Path parent, String name) throws IOException {
        Path s = Files.createDirectories(parent.resolve(name));
        Mat5.writeToFile(Mat5.newMatFile().addArray("num_BS", Mat5.newScalar(numBs))
                .addArray("carrier_freq", Mat5.newScalar(3.5e9)), s.resolve(name + ".params.mat").toFile());
        int n = users();
        double[] loc = new double[4 * n];
        for (int u = 0; u < n; u++) {
            loc[u] = u + 1;
            for (int c = 0; c < 3; c++) {
                loc[(c + 1) * n + u] = positions[u][c];
            }
        }
        write(s.resolve(name + ".Loc.mat"), "Loc_array_full", n, 4, loc, MatlabType.Double);
        for (int b = 0; b < numBs; b++) {
            String prefix = name + "." + (b + 1) + ".";
            List<Double> cir = new ArrayList<>(List.of((double) n));
            List<Double> dod = new ArrayList<>(cir);
            List<Double> doa = new ArrayList<>(cir);
            double[] los = new double[n + 1];
            double[] pl = new double[2 * n];
            los[0] = n;
            for (int u = 0; u < n; u++) {
                List<PathData> p = paths.get(b).get(u);
                for (List<Double> l : List.of(cir, dod, doa)) {
                    l.add(u + 1.0);
                    l.add((double) p.size());
                }
                for (int k = 0; k < p.size(); k++) {
                    PathData d = p.get(k);
                    cir.addAll(List.of(k + 1.0, d.phaseDeg(), 1e-6, d.powerDb()));
                    dod.addAll(List.of(k + 1.0, d.aodAz(), d.aodEl(), d.powerDb()));
                    doa.addAll(List.of(k + 1.0, d.aoaAz(), d.aoaEl(), d.powerDb()));
                }
                los[u + 1] = losTag(b, u);
                pl[u] = 100;
                pl[n + u] = pathLossDb(b, u);
            }
            writeRow(s.resolve(prefix + "CIR.mat"), "CIR_array_full", cir);
            writeRow(s.resolve(prefix + "DoD.mat"), "DoD_array_full", dod);
            writeRow(s.resolve(prefix + "DoA.mat"), "DoA_array_full", doa);
            write(s.resolve(prefix + "LoS.mat"), "LOS_tag_array_full", 1, n + 1, los, MatlabType.Double);
            write(s.resolve(prefix + "PL.mat"), "PL_array_full", n, 2, pl, MatlabType.Double);
        }
        return s;
    }

    /**
     * Writes the v4 layout as folder {@code name} under {@code parent}: BS set {@link #BS_SET} (transmits and
     * receives), user set {@link #USER_SET}; each row keeps the ray tracer's first path first (DeepMIMO's LoS test reads
     * column 0) and the others in reverse order, so the loaders' strongest-path selection is exercised.
     */
    Path writeV4(Path parent, String name) throws IOException {
        Path s = Files.createDirectories(parent.resolve(name));
        ObjectMapper json = new ObjectMapper();
        ObjectNode params = json.createObjectNode();
        params.put("version", "4.0.5");
        params.putObject("rt_params").put("frequency", 3.5e9).put("raytracer_name", "Remcom Wireless Insite");
        params.putObject("scene").put("num_scenes", 1);
        ObjectNode sets = params.putObject("txrx_sets");
        sets.putObject("txrx_set_" + USER_SET).put("name", "user_grid").put("id", USER_SET).put("is_tx", false)
                .put("is_rx", true).put("num_points", users());
        sets.putObject("txrx_set_" + BS_SET).put("name", "BS").put("id", BS_SET).put("is_tx", true)
                .put("is_rx", true).put("num_points", numBs);
        json.writerWithDefaultPrettyPrinter().writeValue(s.resolve(DeepMimoV4.PARAMS).toFile(), params);
        int n = users();
        for (int b = 0; b < numBs; b++) {
            String code = String.format("t%03d_tx%03d_r%03d", BS_SET, b, USER_SET);
            double[] pos = new double[3 * n];
            for (int u = 0; u < n; u++) {
                for (int c = 0; c < 3; c++) {
                    pos[c * n + u] = positions[u][c];
                }
            }
            writeV4Matrix(s, "rx_pos", code, n, 3, pos);
            String[] names = {"power", "phase", "aod_az", "aod_el", "aoa_az", "aoa_el", "inter"};
            for (int m = 0; m < names.length; m++) {
                double[] v = new double[n * MAX_PATHS];
                Arrays.fill(v, Double.NaN);
                for (int u = 0; u < n; u++) {
                    List<PathData> p = paths.get(b).get(u);
                    for (int k = 0; k < p.size(); k++) {
                        PathData d = p.get(k == 0 ? 0 : p.size() - k);
                        double[] all = {d.powerDb(), d.phaseDeg(), d.aodAz(), d.aodEl(), d.aoaAz(), d.aoaEl(),
                            d.inter()};
                        v[k * n + u] = all[m];
                    }
                }
                writeV4Matrix(s, names[m], code, n, MAX_PATHS, v);
            }
        }
        return s;
    }

    /** The file {@code <name>_<code>.mat} with the float32 matrix {@code name} (values column-major). */
    static void writeV4Matrix(Path dir, String name, String code, int rows, int cols, double[] values)
            throws IOException {
        write(dir.resolve(name + "_" + code + ".mat"), name, rows, cols, values, MatlabType.Single);
    }

    /**
     * Replaces every {@code .mat} matrix of BS {@code code} in {@code dir} by the {@code .npz} file
     * {@code np.savez_compressed} would write: a deflated zip holding {@code <variable>.npy} (float32). The position
     * and power are stored in Fortran order (as NumPy saves an array read from a MAT-file), the others in C order.
     */
    static void convertToNpz(Path dir, String code) throws IOException {
        for (String name : List.of("rx_pos", "power", "phase", "aod_az", "aod_el", "aoa_az", "aoa_el", "inter")) {
            Path mat = dir.resolve(name + "_" + code + ".mat");
            MatFiles.Numeric m = MatFiles.read(mat, name);
            boolean fortran = name.equals("rx_pos") || name.equals("power");
            // Fortran order: the transpose's C-order bytes under a header with the original shape.
            float[][] stored = new float[fortran ? m.cols() : m.rows()][fortran ? m.rows() : m.cols()];
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    stored[fortran ? c : r][fortran ? r : c] = (float) m.get(r, c);
                }
            }
            byte[] npy = Nd4j.toNpyByteArray(Nd4j.create(stored));
            if (fortran) {
                String header = new String(npy, 0, 128, StandardCharsets.ISO_8859_1);
                String patched = header.replace("'fortran_order': False", "'fortran_order': True ")
                        .replace("(" + m.cols() + ", " + m.rows() + ")", "(" + m.rows() + ", " + m.cols() + ")");
                assertEquals(header.length(), patched.length());
                System.arraycopy(patched.getBytes(StandardCharsets.ISO_8859_1), 0, npy, 0, 128);
            }
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve(name + "_" + code
                    + ".npz")))) {
                zip.putNextEntry(new ZipEntry(name + ".npy"));
                zip.write(npy);
                zip.closeEntry();
            }
            Files.delete(mat);
        }
    }

    static void write(Path file, String variable, int rows, int cols, double[] values, MatlabType type)
            throws IOException {
        Matrix m = Mat5.newMatrix(rows, cols, type);
        for (int i = 0; i < values.length; i++) {
            m.setDouble(i, values[i]);
        }
        Mat5.writeToFile(Mat5.newMatFile().addArray(variable, m), file.toFile());
    }

    private static void writeRow(Path file, String variable, List<Double> values) throws IOException {
        write(file, variable, 1, values.size(), values.stream().mapToDouble(Double::doubleValue).toArray(),
                MatlabType.Double);
    }
}
