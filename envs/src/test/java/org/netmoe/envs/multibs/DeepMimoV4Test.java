package org.netmoe.envs.multibs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.envs.EnvChecker;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatlabType;

/** The DeepMIMO v4 loader against the v1/v2 one on the same scenario written in both layouts. */
class DeepMimoV4Test {
    private static final String BS1 = "t001_tx000_r000";
    private static final String BS2 = "t001_tx001_r000";

    @TempDir
    Path dir;

    private final DeepMimoScenarioFiles scenario = new DeepMimoScenarioFiles(2, 7, 11);

    private static MultiBsConfig config(Path s, int firstUser, int lastUser, String format, Integer rxSet) {
        MultiBsConfig d = MultiBsConfig.defaults();
        ChannelSpec spec = new ChannelSpec("deepmimo", s.toString(), null, firstUser, lastUser, 3, format, rxSet);
        return new MultiBsConfig(2, 1, 2, d.areaWidth(), d.areaHeight(), d.bsHeight(), d.ueHeight(), 2, 2, 4, 2, 2,
                d.carrierGhz(), d.txPowerDbm(), d.noiseDbm(), d.pathLossExponent(), d.buildings(), d.scatterers(),
                d.pathsPerLink(), d.xprDb(), d.carrierPhase(), d.sceneSeed(), 1, spec);
    }

    private static MultiBsConfig config(Path s) {
        return config(s, 1, 0, null, null);
    }

    private static String failure(MultiBsConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config)).getMessage();
    }

    @Test
    void v4FilesGiveTheChannelsOfTheEquivalentV2Files() throws IOException {
        DeepMimoChannel v2 = DeepMimoChannel.load(config(scenario.writeV2(dir, "T")));
        DeepMimoChannel v4 = DeepMimoChannel.load(config(scenario.writeV4(dir, "O1_3p5")));
        assertEquals(v2.users(), v4.users());
        assertEquals(6, v4.reachableUsers());
        assertEquals(v2.carrierHz(), v4.carrierHz(), 0.0);
        assertEquals(v2.area()[0], v4.area()[0], 0.0);
        assertEquals(v2.area()[3], v4.area()[3], 0.0);
        int compared = 0;
        for (int u = 0; u < scenario.users(); u++) {
            double[] p = scenario.positions[u];
            List<FieldMatrix<Complex>> h2 = v2.channels(p[0], p[1]);
            List<FieldMatrix<Complex>> h4 = v4.channels(p[0], p[1]);
            for (int b = 0; b < 2; b++) {
                for (int r = 0; r < h2.get(b).getRowDimension(); r++) {
                    for (int c = 0; c < h2.get(b).getColumnDimension(); c++) {
                        Complex a = h2.get(b).getEntry(r, c);
                        Complex e = h4.get(b).getEntry(r, c);
                        assertEquals(0, a.subtract(e).abs(), 1e-9 * Math.max(a.abs(), 1e-12),
                                "user " + (u + 1) + " BS " + (b + 1) + " entry " + r + "," + c);
                        compared += a.abs() > 0 ? 1 : 0;
                    }
                }
                assertEquals(v2.losTag(b, u), v4.losTag(b, u), "LoS tag of user " + (u + 1) + " BS " + (b + 1));
                if (v4.losTag(b, u) >= 0) {
                    assertEquals(scenario.pathLossDb(b, u), v4.pathLossDb(b, u), 1e-9);
                } else {
                    assertTrue(Double.isNaN(v4.pathLossDb(b, u)), "no path: path loss NaN as in DeepMIMO");
                }
            }
        }
        // 7 users x 2 BSs x 32 entries, minus the 3 links without a path.
        assertEquals(11 * 32, compared);
    }

    @Test
    void aSinglePathGivesTheClosedFormChannel() throws IOException {
        Path s = scenario.writeV4(dir, "S");
        // User 1, BS 1: one LoS path, -60 dB, phase 30°, BS azimuth 0 / zenith 90, user azimuth 90 / zenith 90.
        double[][] path = {{-60}, {30}, {0}, {90}, {90}, {90}, {0}};
        String[] names = {"power", "phase", "aod_az", "aod_el", "aoa_az", "aoa_el", "inter"};
        for (int m = 0; m < names.length; m++) {
            double[] v = new double[7 * DeepMimoScenarioFiles.MAX_PATHS];
            Arrays.fill(v, Double.NaN);
            v[0] = path[m][0];
            DeepMimoScenarioFiles.writeV4Matrix(s, names[m], BS1, 7, DeepMimoScenarioFiles.MAX_PATHS, v);
        }
        DeepMimoChannel ch = DeepMimoChannel.load(config(s));
        assertEquals(1, ch.losTag(0, 0));
        assertEquals(-1, ch.losTag(0, 1));
        assertEquals(60.0, ch.pathLossDb(0, 0), 1e-9);
        Complex expected = new Complex(Math.cos(Math.toRadians(30)), Math.sin(Math.toRadians(30)))
                .multiply(1e-3 / Math.sqrt(2));
        FieldMatrix<Complex> h = ch.channels(scenario.positions[0][0], scenario.positions[0][1]).get(0);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(0, h.getEntry(r, c).subtract(expected).abs(), 1e-12, "entry " + r + "," + c);
            }
        }
    }

    @Test
    void usersWithAllNanRowsAreNeverDrawnAndHaveZeroChannels() throws IOException {
        MultiBsConfig c = config(scenario.writeV4(dir, "O1"));
        DeepMimoChannel ch = DeepMimoChannel.load(c);
        double[] none = scenario.positions[2];
        assertEquals(-1, ch.losTag(0, 2));
        assertEquals(-1, ch.losTag(1, 2));
        assertEquals(-1, ch.losTag(0, 4));
        for (FieldMatrix<Complex> h : ch.channels(none[0], none[1])) {
            assertEquals(0.0, h.getEntry(0, 0).abs(), 0.0);
        }
        EnvChecker.check(() -> new MultiBsEnv(c));
        try (MultiBsEnv env = new MultiBsEnv(c)) {
            env.reset(3);
            for (int i = 0; i < 60; i++) {
                assertTrue(env.uePosition()[0] != none[0], "user 3 has no path, drawn at step " + i);
                env.reset();
            }
        }
    }

    @Test
    void userSlicesMatchTheV2Slices() throws IOException {
        Path s2 = scenario.writeV2(dir, "T");
        Path s4 = scenario.writeV4(dir, "V");
        DeepMimoChannel v2 = DeepMimoChannel.load(config(s2, 4, 6, "v2", null));
        DeepMimoChannel v4 = DeepMimoChannel.load(config(s4, 4, 6, "v4", null));
        assertEquals(3, v4.users());
        assertEquals(v2.reachableUsers(), v4.reachableUsers());
        double[] p = scenario.positions[5];
        assertEquals(0, v2.channels(p[0], p[1]).get(1).subtract(v4.channels(p[0], p[1]).get(1)).getEntry(0, 0).abs(),
                1e-12);
        assertTrue(failure(config(s4, 1, 9, null, null)).contains("rx_pos_" + BS1 + ".mat, variable rx_pos:"
                + " channel.lastUser 9 exceeds the 7 users"));
    }

    @Test
    void missingFilesAndVariablesAreNamed() throws IOException {
        Path s = scenario.writeV4(dir, "O1");
        Files.delete(s.resolve("aoa_el_" + BS2 + ".mat"));
        String e = failure(config(s));
        assertTrue(e.contains("DeepMIMO file not found: ") && e.contains("aoa_el_" + BS2 + ".mat")
                && e.contains("variable aoa_el"), e);
        DeepMimoScenarioFiles.write(s.resolve("aoa_el_" + BS2 + ".mat"), "aoa", 7, 5, new double[35],
                MatlabType.Single);
        e = failure(config(s));
        assertTrue(e.contains("aoa_el_" + BS2 + ".mat has no variable aoa_el"), e);
        Files.delete(s.resolve("aoa_el_" + BS2 + ".mat"));
        Files.writeString(s.resolve("aoa_el_" + BS2 + ".npz"), "PK");
        e = failure(config(s));
        assertTrue(e.contains("aoa_el_" + BS2 + ".npz could not be read as NumPy .npz (looking for aoa_el)"), e);
    }

    @Test
    void npzMatricesGiveTheSameChannelsAsMatOnes() throws IOException {
        DeepMimoChannel mat = DeepMimoChannel.load(config(scenario.writeV4(dir, "mat")));
        Path s = scenario.writeV4(dir, "npz");
        DeepMimoScenarioFiles.convertToNpz(s, BS2);
        assertTrue(Files.exists(s.resolve("aoa_az_" + BS2 + ".npz")) && !Files.exists(s.resolve("aoa_az_" + BS2
                + ".mat")));
        DeepMimoChannel npz = DeepMimoChannel.load(config(s));
        for (double[] p : scenario.positions) {
            FieldMatrix<Complex> a = mat.channels(p[0], p[1]).get(1);
            FieldMatrix<Complex> b = npz.channels(p[0], p[1]).get(1);
            for (int r = 0; r < a.getRowDimension(); r++) {
                for (int c = 0; c < a.getColumnDimension(); c++) {
                    assertEquals(a.getEntry(r, c), b.getEntry(r, c), "entry " + r + "," + c);
                }
            }
        }
        assertEquals(mat.reachableUsers(), npz.reachableUsers());
        assertEquals(mat.losTag(1, 6), npz.losTag(1, 6));
        Files.delete(s.resolve("phase_" + BS2 + ".npz"));
        assertTrue(failure(config(s)).contains("phase_" + BS2 + ".mat (nor phase_" + BS2 + ".npz), needed for"
                + " variable phase"));
    }

    @Test
    void wrongShapesAndNanPathValuesAreNamed() throws IOException {
        Path s = scenario.writeV4(dir, "O1");
        DeepMimoScenarioFiles.writeV4Matrix(s, "power", BS1, 6, 5, new double[30]);
        String e = failure(config(s));
        assertTrue(e.contains("power_" + BS1 + ".mat, variable power: expected 7 x MAX_PATHS"), e);
        DeepMimoScenarioFiles.writeV4Matrix(s, "power", BS1, 7, 5, new double[35]);
        DeepMimoScenarioFiles.writeV4Matrix(s, "phase", BS1, 7, 4, new double[28]);
        e = failure(config(s));
        assertTrue(e.contains("phase_" + BS1 + ".mat, variable phase: expected 7 x 5") && e.contains("found 7x4"), e);
        DeepMimoScenarioFiles.writeV4Matrix(s, "phase", BS1, 7, 5, new double[35]);
        double[] nan = new double[35];
        Arrays.fill(nan, Double.NaN);
        DeepMimoScenarioFiles.writeV4Matrix(s, "aod_el", BS1, 7, 5, nan);
        e = failure(config(s));
        assertTrue(e.contains("aod_el_" + BS1 + ".mat, variable aod_el: user 1 (row 0), path 1 is NaN while aoa_az"
                + " has a value"), e);
        DeepMimoScenarioFiles.writeV4Matrix(s, "rx_pos", BS1, 7, 2, new double[14]);
        e = failure(config(s));
        assertTrue(e.contains("rx_pos_" + BS1 + ".mat, variable rx_pos: expected N x 3"), e);
    }

    @Test
    void paramsJsonProblemsNameTheField() throws IOException {
        Path s = scenario.writeV4(dir, "O1");
        Path params = s.resolve(DeepMimoV4.PARAMS);
        String json = Files.readString(params);
        Files.writeString(params, json.replace("\"frequency\"", "\"freq\""));
        assertTrue(failure(config(s)).contains("params.json, field rt_params.frequency: expected a number (Hz),"
                + " found nothing"));
        Files.writeString(params, json.replace("\"num_points\" : 2", "\"num_points\" : 1"));
        assertTrue(failure(config(s)).contains("field txrx_sets: the scenario has 1 BSs (points of sets with is_tx),"
                + " numBs asks for 2"));
        Files.writeString(params, json.substring(0, json.length() / 2));
        assertTrue(failure(config(s)).contains("params.json is not valid JSON"));
        Files.writeString(params, json.replace("\"num_scenes\" : 1", "\"num_scenes\" : 4"));
        assertTrue(failure(config(s)).contains("field scene.num_scenes: 4 scenes (a dynamic scenario)"));
        // A second user grid: the users' set must be named.
        Files.writeString(params, json.replace("\"txrx_sets\" : {", "\"txrx_sets\" : {\"txrx_set_2\": {\"id\": 2,"
                + " \"is_tx\": false, \"is_rx\": true, \"num_points\": 3},"));
        assertTrue(failure(config(s)).contains("2 sets receive without transmitting [0, 2]; set channel.rxSet"));
        assertEquals(7, DeepMimoChannel.load(config(s, 1, 0, null, 0)).users());
        assertTrue(failure(config(s, 1, 0, null, 5)).contains("channel.rxSet 5 is not a receiving set"));
    }

    @Test
    void theLayoutIsDetectedOrNamedByFormat() throws IOException {
        Path v2 = scenario.writeV2(dir, "T");
        Path v4 = scenario.writeV4(dir, "O1_3p5");
        assertTrue(failure(config(v2, 1, 0, "v4", null)).contains("DeepMIMO file not found: " + v2.resolve("params.json")));
        assertTrue(failure(config(v4, 1, 0, "v2", null)).contains("DeepMIMO file not found: "
                + v4.resolve("O1_3p5.params.mat")));
        Files.copy(v4.resolve(DeepMimoV4.PARAMS), v2.resolve(DeepMimoV4.PARAMS));
        assertTrue(failure(config(v2)).contains("holds both params.json (v4) and T.params.mat (v1/v2): set"
                + " channel.format"));
        Path v3 = Files.createDirectories(dir.resolve("O1_v3"));
        Mat5.writeToFile(Mat5.newMatFile().addArray("version", Mat5.newScalar(3)), v3.resolve("params.mat").toFile());
        assertTrue(failure(config(v3)).contains("holds neither params.json (DeepMIMO v4) nor O1_v3.params.mat"));
        assertTrue(failure(config(v3)).contains("DeepMIMO v3's layout, which NetMoE does not read"));
        assertTrue(failure(config(dir.resolve("absent"))).startsWith("DeepMIMO folder not found: "));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new ChannelSpec("deepmimo", "x", null, null, null, null, "v3", null));
        assertTrue(bad.getMessage().contains("format"), bad.getMessage());
    }
}
