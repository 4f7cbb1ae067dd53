package org.netmoe.training.experiment.dmoe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.cli.CliRun;

/** {@code netmoe experiment configs/dmoe-table1-smoke.yaml} end to end, with a short DQN selector. */
class DmoeTable1ExperimentTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static int code;
    static String err;

    @BeforeAll
    static void runSmoke() {
        dir = tmp.resolve("run");
        CliRun cli = CliRun.experiment("dmoe-table1-smoke.yaml", dir);
        code = cli.code();
        err = cli.err();
    }

    private static List<String[]> csv(String name, String header) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(name));
        assertEquals(header, lines.get(0), name);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void writesEveryArtefact() {
        assertEquals(0, code, err);
        for (String f : List.of("summary.md", "table1.csv", "tradeoff.csv", "energy-per-layer.csv", "selector.csv",
                "plots/fig7-energy-per-layer.png", "plots/fig8-comm-per-layer.png", "plots/fig9-comp-per-layer.png",
                "plots/fig10-tradeoff.png")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
    }

    @Test
    void tableOneDesSavesEnergyAndGrowsWithGamma0() throws Exception {
        assertEquals(0, code, err);
        List<String[]> rows = csv("table1.csv", "method,gamma0,max_experts,energy_rel_top2,mean_relevance");
        assertEquals("Top-1", rows.get(0)[0]);
        assertEquals("Top-2", rows.get(1)[0]);
        assertEquals(1.0, Double.parseDouble(rows.get(1)[3]), 1e-12);
        double previous = 0;
        for (int r = 2; r < 5; r++) {
            assertEquals("DES", rows.get(r)[0]);
            double e = Double.parseDouble(rows.get(r)[3]);
            // a higher threshold shrinks the feasible set, so the optimum's energy cannot fall
            assertTrue(e < 1 && e >= previous, "DES(" + rows.get(r)[1] + ") energy " + e + " after " + previous);
            previous = e;
        }
    }

    @Test
    void lowerBoundIsBelowJesaOnEveryLayerAndJesaFallsWithDepth() throws Exception {
        assertEquals(0, code, err);
        Map<String, Double> energy = new HashMap<>();
        int layers = 0;
        for (String[] r : csv("energy-per-layer.csv",
                "layer,method,energy_per_token_j,comm_per_token_j,comp_per_token_j,mean_relevance")) {
            energy.put(r[1] + "@" + r[0], Double.parseDouble(r[2]));
            layers = Math.max(layers, Integer.parseInt(r[0]));
        }
        assertEquals(8, layers);
        for (int l = 1; l <= layers; l++) {
            for (String g : List.of("0.8", "0.9")) {
                assertTrue(energy.get("LB(" + g + ")@" + l) <= energy.get("JESA(" + g + ")@" + l) * (1 + 1e-9),
                        "layer " + l + " gamma0 " + g);
            }
        }
        // Fig. 7's shape: the threshold 0.8^l relaxes with depth, so JESA's energy falls
        assertTrue(energy.get("JESA(0.8)@8") < 0.7 * energy.get("JESA(0.8)@1"), energy.toString());
    }

    @Test
    void selectorIsScoredAgainstDes() throws Exception {
        assertEquals(0, code, err);
        List<String[]> rows = csv("selector.csv", "policy,energy_rel_des,constraint_met,matches_des,mean_relevance");
        assertEquals(3, rows.size());
        assertEquals(1.0, Double.parseDouble(rows.get(0)[1]), 1e-12);
        assertEquals(1.0, Double.parseDouble(rows.get(0)[2]), 1e-12);
        // Top-D always meets a feasible threshold but spends more than DES
        assertEquals(1.0, Double.parseDouble(rows.get(2)[2]), 1e-12);
        assertTrue(Double.parseDouble(rows.get(2)[1]) > 1.0);
        // The learned selector must have learned something: it meets the relevance constraint on most
        // tokens (measured 0.82 on the smoke config; threshold 0.6) while spending clearly less than
        // Top-D (measured 1.21 vs 2.00 of DES's energy; threshold: below Top-D's energy).
        double learnedMet = Double.parseDouble(rows.get(1)[2]);
        double learnedEnergy = Double.parseDouble(rows.get(1)[1]);
        assertTrue(learnedMet >= 0.6, "learned selector meets the constraint on " + learnedMet);
        assertTrue(learnedEnergy < Double.parseDouble(rows.get(2)[1]), "learned energy " + learnedEnergy);
    }

    @Test
    void routerTraceReplacesTheSyntheticScores() throws Exception {
        Path trace = tmp.resolve("trace.csv");
        StringBuilder csv = new StringBuilder("layer,source,g1,g2,g3,g4,g5,g6,g7,g8\n");
        for (int l = 1; l <= 2; l++) {
            for (int i = 0; i < 8; i++) {
                csv.append(l).append(',').append(i).append(",0.5,0.3,0.1,0.02,0.02,0.02,0.02,0.02\n");
            }
        }
        Files.writeString(trace, csv.toString());
        Path run = tmp.resolve("trace-run");
        CliRun cli2 = CliRun.experiment("dmoe-table1-smoke.yaml", run, "--set", "system.layers=2", "--set",
                "dmoe.selectorTokens=0", "--set", "dmoe.routerTrace=" + trace);
        int c = cli2.code();
        String e = cli2.err();
        assertEquals(0, c, e);
        assertTrue(Files.readString(run.resolve("summary.md")).contains("router trace"));
        // Top-2 always takes experts 0 and 1 here: relevance 0.8 exactly
        List<String> t1 = Files.readAllLines(run.resolve("table1.csv"));
        assertEquals(0.8, Double.parseDouble(t1.get(2).split(",")[4]), 1e-9, t1.toString());

        CliRun cli3 = CliRun.experiment("dmoe-table1-smoke.yaml", tmp.resolve("bad-trace"), "--set", "system.layers=3",
                "--set", "dmoe.selectorTokens=0", "--set", "dmoe.routerTrace=" + trace);
        c = cli3.code();
        String e2 = cli3.err();
        assertEquals(2, c);
        assertTrue(e2.contains("dmoe.routerTrace") && e2.contains("layer 3"), e2);
    }
}
