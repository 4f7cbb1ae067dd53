package org.netmoe.core.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RngStreamTest {

    @Test
    void savedStateReplaysTheSameNumbers() {
        RngStream rng = RngStream.of(42);
        for (int i = 0; i < 17; i++) {
            rng.nextLong();
        }
        byte[] state = rng.saveState();
        long[] first = new long[100];
        for (int i = 0; i < first.length; i++) {
            first[i] = rng.nextLong();
        }
        RngStream other = RngStream.of(7);
        other.restoreState(state);
        for (long expected : first) {
            assertEquals(expected, other.nextLong());
        }
    }

    @Test
    void splitsDependOnSeedAndNameOnly() {
        RngStream a = RngStream.of(1);
        RngStream b = RngStream.of(1);
        b.nextLong();
        assertEquals(a.split("explore").nextLong(), b.split("explore").nextLong());
        assertNotEquals(a.split("explore").nextLong(), a.split("sample").nextLong());
        assertNotEquals(RngStream.of(2).split("explore").nextLong(), a.split("explore").nextLong());
    }

    @Test
    void rejectsForeignState() {
        assertThrows(IllegalArgumentException.class, () -> RngStream.of(1).restoreState(new byte[3]));
    }
}
