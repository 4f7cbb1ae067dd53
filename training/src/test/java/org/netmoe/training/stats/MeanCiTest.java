package org.netmoe.training.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanCiTest {
    @Test
    void matchesStudentTIntervalByHand() {
        // {1, 2, 3}: mean 2, s = 1, t(0.975, 2) = 4.302653 (tables), half width 4.302653 / sqrt(3).
        MeanCi s = MeanCi.of(new double[] {3, 1, 2});
        assertEquals(3, s.n());
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(1.0, s.sd(), 1e-12);
        assertEquals(4.302653 / Math.sqrt(3), s.halfWidth(), 1e-6);
        assertEquals(1.0, s.min());
        assertEquals(3.0, s.max());
    }

    @Test
    void leavesOutNanAndHasNoIntervalForOneValue() {
        MeanCi s = MeanCi.of(new double[] {Double.NaN, 5});
        assertEquals(1, s.n());
        assertEquals(5.0, s.mean());
        assertTrue(Double.isNaN(s.halfWidth()));
        assertTrue(Double.isNaN(s.sd()));
        assertEquals(5.0, s.lower());
        assertEquals(5.0, s.upper());
    }
}
