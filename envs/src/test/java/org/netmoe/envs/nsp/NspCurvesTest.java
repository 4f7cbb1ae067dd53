package org.netmoe.envs.nsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NspCurvesTest {

    @Test
    void tableReproducesTheSpecReferenceRows() {
        NspCurves.Table t = NspCurves.compute(NspConfig.defaults(), List.of(10.0, 20.0, 30.0));
        assertEquals(List.of("power", "op", "dr", "tp"), t.header());
        double[][] expected = {
            {10, 0.968996, 2754645, 85406},
            {20, 0.325500, 3638753, 2454340},
            {30, 0.056710, 4182705, 3945504}};
        assertEquals(3, t.rows().size());
        for (int i = 0; i < expected.length; i++) {
            double[] values = t.rows().get(i).values();
            assertEquals(4, values.length);
            for (int j = 0; j < 4; j++) {
                assertEquals(expected[i][j], values[j], 1e-4 * expected[i][j], "row " + i + " column " + t.header().get(j));
            }
        }
    }

    @Test
    void addsABepColumnOnlyWhenIncluded() {
        NspConfig withBep = NspConfig.defaults().withQosTypes(List.of("bep"));
        NspCurves.Table t = NspCurves.compute(withBep, List.of(10.0, 30.0));
        assertEquals(List.of("power", "op", "dr", "tp", "bep"), t.header());
        double bep10 = t.rows().get(0).bep().orElseThrow();
        double bep30 = t.rows().get(1).bep().orElseThrow();
        assertTrue(bep30 < bep10 && bep10 < 0.5, bep10 + " then " + bep30);
        assertEquals(5, t.rows().get(0).values().length);
        assertTrue(NspCurves.compute(NspConfig.defaults(), List.of(10.0)).rows().get(0).bep().isEmpty());
    }
}
