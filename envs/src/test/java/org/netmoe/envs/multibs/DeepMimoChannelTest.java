package org.netmoe.envs.multibs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.envs.EnvChecker;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

/** The DeepMIMO O1-layout loader on small scenarios written here with MFL. */
class DeepMimoChannelTest {
    @TempDir
    Path dir;

    private static void write(Path file, String variable, int rows, int cols, double... values) throws IOException {
        Matrix m = Mat5.newMatrix(rows, cols);
        for (int i = 0; i < values.length; i++) {
            m.setDouble(i, values[i]); // column-major
        }
        Mat5.writeToFile(Mat5.newMatFile().addArray(variable, m), file.toFile());
    }

    private static void writeRow(Path file, String variable, double... values) throws IOException {
        write(file, variable, 1, values.length, values);
    }

    /**
     * Scenario "T" with 2 BSs and 3 users. BS 1: user 1 one path (phase 30°, power -60 dBm, DoD az 0° zenith 90°,
     * DoA az 90° zenith 90°), user 2 two paths, user 3 none. BS 2: user 1 none, user 2 one path, user 3 none.
     */
    private Path scenario() throws IOException {
        Path s = dir.resolve("T");
        Files.createDirectories(s);
        Matrix carrier = Mat5.newScalar(3.5e9);
        Mat5.writeToFile(Mat5.newMatFile().addArray("num_BS", Mat5.newScalar(2)).addArray("carrier_freq", carrier)
                .addArray("user_grids", Mat5.newMatrix(1, 3)), s.resolve("T.params.mat").toFile());
        // Loc: rows [id, x, y, z], column-major.
        write(s.resolve("T.Loc.mat"), "Loc_array_full", 3, 4, 1, 2, 3, 10, 20, 30, 5, 5, 5, 2, 2, 2);
        writeRow(s.resolve("T.1.CIR.mat"), "CIR_array_full", 3, 1, 1, 1, 30, 1e-6, -60, 2, 2, 1, 0, 1e-6, -70, 2, 45,
                2e-6, -80, 3, 0);
        writeRow(s.resolve("T.1.DoD.mat"), "DoD_array_full", 3, 1, 1, 1, 0, 90, -60, 2, 2, 1, 10, 80, -70, 2, 20, 85,
                -80, 3, 0);
        writeRow(s.resolve("T.1.DoA.mat"), "DoA_array_full", 3, 1, 1, 1, 90, 90, -60, 2, 2, 1, 30, 90, -70, 2, 40, 90,
                -80, 3, 0);
        writeRow(s.resolve("T.1.LoS.mat"), "LOS_tag_array_full", 3, 1, 0, -1);
        write(s.resolve("T.1.PL.mat"), "PL_array_full", 3, 2, 50, 60, 70, 60, 70, 0);
        writeRow(s.resolve("T.2.CIR.mat"), "CIR_array_full", 3, 1, 0, 2, 1, 1, 0, 1e-6, -65, 3, 0);
        writeRow(s.resolve("T.2.DoD.mat"), "DoD_array_full", 3, 1, 0, 2, 1, 1, 180, 90, -65, 3, 0);
        writeRow(s.resolve("T.2.DoA.mat"), "DoA_array_full", 3, 1, 0, 2, 1, 1, 0, 90, -65, 3, 0);
        writeRow(s.resolve("T.2.LoS.mat"), "LOS_tag_array_full", 3, -1, 1, -1);
        write(s.resolve("T.2.PL.mat"), "PL_array_full", 3, 2, 80, 40, 90, 0, 65, 0);
        return s;
    }

    private static MultiBsConfig config(Path s) {
        return config(s, 1);
    }

    private static MultiBsConfig config(Path s, int firstUser) {
        MultiBsConfig d = MultiBsConfig.defaults();
        return new MultiBsConfig(2, 1, 2, d.areaWidth(), d.areaHeight(), d.bsHeight(), d.ueHeight(), 2, 2, 4, 2, 2,
                d.carrierGhz(), d.txPowerDbm(), d.noiseDbm(), d.pathLossExponent(), d.buildings(), d.scatterers(),
                d.pathsPerLink(), d.xprDb(), d.carrierPhase(), d.sceneSeed(), 1, ChannelSpec.deepMimo(s.toString(), firstUser, 0));
    }

    @Test
    void buildsTheChannelOfASinglePathFromTheFiles() throws IOException {
        DeepMimoChannel ch = DeepMimoChannel.load(config(scenario()));
        assertEquals(3, ch.users());
        assertEquals(2, ch.reachableUsers());
        assertEquals(1, ch.losTag(0, 0));
        assertEquals(70.0, ch.pathLossDb(0, 1), 0.0);
        assertEquals(3.5e9, ch.carrierHz(), 0.0);
        List<FieldMatrix<Complex>> h = ch.channels(10, 5);
        assertEquals(8, h.get(0).getRowDimension());
        assertEquals(4, h.get(0).getColumnDimension());
        // One path at BS azimuth 0 / elevation 0 and UE azimuth 90° / elevation 0: flat array responses, so every
        // entry is 10^(-60/20)·e^{j30°}/√2.
        Complex expected = new Complex(Math.cos(Math.toRadians(30)), Math.sin(Math.toRadians(30))).multiply(1e-3 / Math.sqrt(2));
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 4; c++) {
                Complex v = h.get(0).getEntry(r, c);
                assertEquals(expected.getReal(), v.getReal(), 1e-12, "entry " + r + "," + c);
                assertEquals(expected.getImaginary(), v.getImaginary(), 1e-12);
            }
        }
        // User 1 has no path to BS 2.
        assertEquals(0.0, h.get(1).getEntry(0, 0).abs(), 0.0);
    }

    @Test
    void envOnDeepMimoPassesTheCheckerAndDrawsOnlyReachableUsers() throws IOException {
        MultiBsConfig c = config(scenario());
        EnvChecker.check(() -> new MultiBsEnv(c));
        try (MultiBsEnv env = new MultiBsEnv(c)) {
            env.reset(1);
            for (int i = 0; i < 50; i++) {
                double[] ue = env.uePosition();
                assertTrue(ue[0] == 10 || ue[0] == 20, "user 3 has no path, drawn at x=" + ue[0]);
                env.reset();
            }
        }
    }

    @Test
    void missingFileOrVariableNamesIt() throws IOException {
        Path s = scenario();
        Files.delete(s.resolve("T.2.DoA.mat"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config(s)));
        assertTrue(e.getMessage().contains("T.2.DoA.mat") && e.getMessage().contains("DoA_array_full"), e.getMessage());
        writeRow(s.resolve("T.2.DoA.mat"), "DoA", 3, 1, 0);
        e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config(s)));
        assertTrue(e.getMessage().contains("T.2.DoA.mat has no variable DoA_array_full"), e.getMessage());
        Files.writeString(s.resolve("T.2.DoA.mat"), "not a mat file");
        e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config(s)));
        assertTrue(e.getMessage().contains("T.2.DoA.mat could not be read"), e.getMessage());
    }

    @Test
    void malformedPathArraysNameFileVariableAndUser() throws IOException {
        Path s = scenario();
        // User 2 numbered 7.
        writeRow(s.resolve("T.1.CIR.mat"), "CIR_array_full", 3, 1, 1, 1, 30, 1e-6, -60, 7, 0, 3, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config(s)));
        assertTrue(e.getMessage().contains("T.1.CIR.mat, variable CIR_array_full: expected user 2"), e.getMessage());
        // Fewer BSs than asked for.
        Mat5.writeToFile(Mat5.newMatFile().addArray("num_BS", Mat5.newScalar(1)).addArray("carrier_freq",
                Mat5.newScalar(3.5e9)), s.resolve("T.params.mat").toFile());
        e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config(s)));
        assertTrue(e.getMessage().contains("variable num_BS: the scenario has 1 BSs"), e.getMessage());
    }

    @Test
    void truncatedArraysEmptyScalarsAndUserRangesAreNamedToo() throws IOException {
        Path s = scenario();
        // The data ends right after user 2's id.
        writeRow(s.resolve("T.1.CIR.mat"), "CIR_array_full", 3, 1, 1, 1, 30, 1e-6, -60, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config(s)));
        assertTrue(e.getMessage().contains("CIR_array_full: the data ends after the id of user 2"), e.getMessage());
        // firstUser beyond the users in Loc.
        MultiBsConfig beyond = config(s, 7);
        e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(beyond));
        assertTrue(e.getMessage().contains("channel.firstUser 7 is beyond the last user 3"), e.getMessage());
        // An empty num_BS.
        Mat5.writeToFile(Mat5.newMatFile().addArray("num_BS", Mat5.newMatrix(0, 0)).addArray("carrier_freq",
                Mat5.newScalar(3.5e9)), s.resolve("T.params.mat").toFile());
        e = assertThrows(IllegalArgumentException.class, () -> DeepMimoChannel.load(config(s)));
        assertTrue(e.getMessage().contains("variable num_BS: expected a scalar, found 0x0"), e.getMessage());
    }

    @Test
    void deepMimoSourceNeedsAPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChannelSpec("deepmimo", null, null, null, null, null, null, null));
        assertEquals("path is required for source deepmimo", e.getMessage());
    }
}
