package org.netmoe.envs.dmoe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTraceTest {

    @Test
    void readsAndNormalizesRowsByLayer(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("trace.csv");
        Files.writeString(f, "# dumped router softmax\nlayer,source,g1,g2,g3\n1,0,2,1,1\n2,2,0.5,0.25,0.25\n1,1,0,0,3\n");
        RouterTrace t = RouterTrace.read(f);
        assertEquals(3, t.experts());
        assertEquals(2, t.layers());
        assertEquals(2, t.layer(1).size());
        assertArrayEquals(new double[] {0.5, 0.25, 0.25}, t.layer(1).get(0).scores(), 1e-15);
        assertEquals(2, t.layer(2).get(0).source());
    }

    @Test
    void badCellsNameTheLineAndColumn(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "layer,source,g1,g2\n1,0,0.5,x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouterTrace.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("g2"), e.getMessage());
        Files.writeString(f, "layer,source,g1,g2\n1,5,0.5,0.5\n");
        e = assertThrows(IllegalArgumentException.class, () -> RouterTrace.read(f));
        assertTrue(e.getMessage().contains("source"), e.getMessage());
        Files.writeString(f, "layer,g1,g2\n");
        e = assertThrows(IllegalArgumentException.class, () -> RouterTrace.read(f));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }
}
