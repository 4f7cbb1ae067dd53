package org.netmoe.envs.multibs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.FieldMatrix;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.EnvChecker;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.MultiDiscrete;

class MultiBsEnvTest {
    private static MultiBsConfig small() {
        MultiBsConfig d = MultiBsConfig.defaults();
        return new MultiBsConfig(6, 2, 3, 300, 200, d.bsHeight(), d.ueHeight(), 2, 2, 4, 2, 2, d.carrierGhz(),
                d.txPowerDbm(), d.noiseDbm(), d.pathLossExponent(), 4, 20, 4, d.xprDb(), true, 3, 1, null);
    }

    @Test
    void spacesAndChannelShapesFollowTheConfig() {
        MultiBsConfig c = MultiBsConfig.defaults();
        try (MultiBsEnv env = new MultiBsEnv(c)) {
            assertEquals(2, env.observationSpace().flatDim());
            MultiDiscrete a = (MultiDiscrete) env.actionSpace();
            assertArrayEquals(new int[] {(int) CombinatoricsUtils.binomialCoefficient(18, 2), 16}, a.nvec());
            List<FieldMatrix<Complex>> h = env.channel().channels(100, 100);
            assertEquals(18, h.size());
            assertEquals(8, h.get(0).getRowDimension());
            assertEquals(4, h.get(0).getColumnDimension());
            FieldMatrix<Complex> w = env.codebook().get(3);
            assertEquals(4, w.getRowDimension());
            assertEquals(2, w.getColumnDimension());
        }
    }

    @Test
    void passesTheEnvChecker() {
        EnvChecker.check(() -> new MultiBsEnv(small()));
    }

    @Test
    void sameSeedSameUesAndRewardsAndTheSceneIsFixedByItsOwnSeed() {
        try (MultiBsEnv a = new MultiBsEnv(small()); MultiBsEnv b = new MultiBsEnv(small())) {
            assertArrayEquals(a.reset(9).observation(), b.reset(9).observation());
            Action act = Action.of(4f, 1f);
            assertEquals(a.step(act).reward(), b.step(act).reward(), 0.0);
            assertNotEquals(a.reset(10).observation()[0], b.reset(11).observation()[0]);
        }
        MultiBsConfig c = small();
        MultiBsConfig other = new MultiBsConfig(6, 2, 3, 300, 200, c.bsHeight(), c.ueHeight(), 2, 2, 4, 2, 2,
                c.carrierGhz(), c.txPowerDbm(), c.noiseDbm(), c.pathLossExponent(), 4, 20, 4, c.xprDb(), true, 4, 1, null);
        FieldMatrix<Complex> h1 = new GeometricChannel(c).channels(50, 60).get(0);
        assertEquals(h1, new GeometricChannel(c).channels(50, 60).get(0));
        assertNotEquals(h1, new GeometricChannel(other).channels(50, 60).get(0));
    }

    @Test
    void codebookPrecodersAreSemiUnitary() {
        DftCodebook cb = DftCodebook.of(4, 2, 4);
        assertEquals(16, cb.size());
        for (int i = 0; i < cb.size(); i++) {
            FieldMatrix<Complex> w = cb.get(i);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    Complex dot = Complex.ZERO;
                    for (int n = 0; n < 4; n++) {
                        dot = dot.add(w.getEntry(n, a).conjugate().multiply(w.getEntry(n, b)));
                    }
                    assertEquals(a == b ? 0.5 : 0.0, dot.abs(), 1e-12, "W^H W of precoder " + i);
                }
            }
        }
    }

    /** Orthogonal streams: G^H G = diag(g1, g2) gives log2(1 + ρ g1) + log2(1 + ρ g2) exactly. */
    @Test
    void mmseRateOfOrthogonalStreamsIsTheSumOfSingleStreamRates() {
        double rho = 10;
        FieldMatrix<Complex> a = new Array2DRowFieldMatrix<>(ComplexField.getInstance(), new Complex[][] {
                {new Complex(1 + rho * 3, 0), Complex.ZERO}, {Complex.ZERO, new Complex(1 + rho * 0.5, 0)}});
        assertEquals(Math.log(31) / Math.log(2) + Math.log(6) / Math.log(2), LinkBudget.mmseSumRate(a), 1e-12);
        // Correlated 2x2: A = [[2, 1], [1, 2]], A^{-1} diagonal 2/3 each: rate = -2 log2(2/3).
        FieldMatrix<Complex> b = new Array2DRowFieldMatrix<>(ComplexField.getInstance(), new Complex[][] {
                {new Complex(2, 0), new Complex(1, 0)}, {new Complex(1, 0), new Complex(2, 0)}});
        assertEquals(-2 * Math.log(2.0 / 3) / Math.log(2), LinkBudget.mmseSumRate(b), 1e-12);
    }

    /** One stream, one BS port, one UE antenna, h = 1e-5: rate = log2(1 + ρ·|h|²·|w|²). */
    @Test
    void singleAntennaBudgetMatchesShannon() {
        FieldMatrix<Complex> h = new Array2DRowFieldMatrix<>(ComplexField.getInstance(),
                new Complex[][] {{new Complex(0, 1e-5)}});
        LinkBudget budget = new LinkBudget(List.of(h), DftCodebook.of(1, 1, 1), new BsSets(1, 1), 1e10);
        assertEquals(Math.log(1 + 1e10 * 1e-10) / Math.log(2), budget.sumRate(0, 0), 1e-12);
    }

    /**
     * The power budget by hand: P − σ² = 10 dB (ρ = 10), two streams over two antennas, one BS with two
     * ports and H = h·I (|h|² = 0.1). The DFT precoder has W^H W = I/2, so G^H G = 0.05·I, each stream
     * gets SINR ρ·0.05 = 0.5 and the rate is 2·log2(1.5) = 1.16993 bit/s/Hz: the whole P is sent. (With
     * ρ divided by Ns as well, as before, it was 2·log2(1.25) = 0.64386: P/2 sent, −3 dB.)
     */
    @Test
    void twoStreamsShareTheWholeTransmitPower() {
        double rho = MultiBsEnv.snrScale(20.0, 10.0);
        assertEquals(10.0, rho, 1e-12);
        Complex h = new Complex(Math.sqrt(0.1), 0);
        FieldMatrix<Complex> channel = new Array2DRowFieldMatrix<>(ComplexField.getInstance(),
                new Complex[][] {{h, Complex.ZERO}, {Complex.ZERO, h}});
        LinkBudget budget = new LinkBudget(List.of(channel), DftCodebook.of(2, 2, 1), new BsSets(1, 1), rho);
        for (int w = 0; w < 2; w++) {
            assertEquals(2 * Math.log(1.5) / Math.log(2), budget.sumRate(0, w), 1e-12, "precoder " + w);
        }
    }

    @Test
    void exhaustiveSearchBeatsEveryCodebookEntryAndEverySet() {
        try (MultiBsEnv env = new MultiBsEnv(small())) {
            for (int ep = 0; ep < 5; ep++) {
                env.reset(ep);
                LinkBudget budget = env.budget();
                LinkBudget.Choice best = budget.bestOverall();
                for (int s = 0; s < env.sets().size(); s++) {
                    LinkBudget.Choice expert = budget.bestPrecoder(s);
                    assertEquals(s, env.sets().indexOf(env.sets().get(s)));
                    assertTrue(best.sumRate() >= expert.sumRate());
                    for (int w = 0; w < env.codebook().size(); w++) {
                        assertTrue(expert.sumRate() >= budget.sumRate(s, w), "set " + s + " precoder " + w);
                    }
                }
                var step = env.step(Action.of(best.setIndex(), best.precoder()));
                assertEquals(best.sumRate(), step.reward(), 1e-12);
                assertEquals(0.0, step.info().get("precoder_regret"), 0.0);
                assertTrue(step.reward() > 0 && Double.isFinite(step.reward()));
            }
        }
    }

    @Test
    void precodersDifferInRate() {
        try (MultiBsEnv env = new MultiBsEnv(MultiBsConfig.defaults())) {
            int differing = 0;
            for (int ep = 0; ep < 10; ep++) {
                env.reset(ep);
                LinkBudget b = env.budget();
                int set = b.bestOverall().setIndex();
                double lo = Double.POSITIVE_INFINITY;
                double hi = 0;
                for (int w = 0; w < env.codebook().size(); w++) {
                    lo = Math.min(lo, b.sumRate(set, w));
                    hi = Math.max(hi, b.sumRate(set, w));
                }
                differing += hi > lo * 1.05 ? 1 : 0;
            }
            // The codebook choice must matter (else there is nothing for the expert to teach).
            assertTrue(differing >= 5, differing + " of 10 UEs had a >5% spread over precoders");
        }
    }

    @Test
    void badParametersNameTheField() {
        MultiBsConfig d = MultiBsConfig.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiBsConfig(18, 2, 6,
                600, 300, 10, 1.5, 2, 2, 4, 5, 4, 3.5, 23, -94, 2.2, 10, 40, 6, 8, true, 7, 1, null));
        assertTrue(e.getMessage().startsWith("streams must be in [1, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiBsConfig(0, 2, 6, 600, 300, 10, 1.5, 2, 2, 4,
                2, 4, 3.5, 23, -94, 2.2, 10, 40, 6, 8, true, d.sceneSeed(), 1, null));
        assertTrue(e.getMessage().startsWith("numBs"), e.getMessage());
    }
}
