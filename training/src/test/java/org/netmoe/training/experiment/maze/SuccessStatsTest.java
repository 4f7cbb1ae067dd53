package org.netmoe.training.experiment.maze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SuccessStatsTest {
    @Test
    void intervalIsStudentsTOfTheMean() {
        // mean 0.6, sd 0.1, t(0.975, 2) = 4.3027: half width 4.3027·0.1/√3 = 0.24841.
        SuccessStats s = SuccessStats.of(new double[] {0.5, 0.6, 0.7}, 0.65);
        assertEquals(0.6, s.mean(), 1e-12);
        assertEquals(0.1, s.sd(), 1e-12);
        assertEquals(0.6 - 0.24841, s.ciLow(), 1e-5);
        assertEquals(0.6 + 0.24841, s.ciHigh(), 1e-5);
        assertEquals(1.0 / 3, s.solvedFraction(), 1e-12);
    }

    @Test
    void intervalOfARateIsClippedToZeroOne() {
        // mean 0.98333, sd 0.028868, half width 4.3027·0.028868/√3 = 0.07171: the upper end 1.055 is clipped.
        SuccessStats high = SuccessStats.of(new double[] {0.95, 1.0, 1.0}, 0.9);
        assertEquals(0.98333 - 0.07171, high.ciLow(), 1e-5);
        assertEquals(1.0, high.ciHigh());
        // mean 0.02, half width 12.706·0.028284/√2 = 0.2541: the lower end −0.234 is clipped.
        SuccessStats low = SuccessStats.of(new double[] {0.0, 0.04}, 0.9);
        assertEquals(0.0, low.ciLow());
        assertEquals(0.02 + 0.25412, low.ciHigh(), 1e-4);
    }

    @Test
    void oneValueHasNoIntervalAndFailedPlansAreLeftOut() {
        SuccessStats s = SuccessStats.of(new double[] {0.4, Double.NaN}, 0.9);
        assertEquals(1, s.n());
        assertEquals(0.4, s.mean(), 1e-12);
        assertTrue(Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()));
    }
}
