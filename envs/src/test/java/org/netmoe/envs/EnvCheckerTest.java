package org.netmoe.envs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;

/** The checker passes a correct env and catches each kind of contract breach. */
class EnvCheckerTest {

    @Test
    void passesACorrectEnv() {
        EnvChecker.check(() -> new CorridorEnv(5, 20, false));
        EnvChecker.check(() -> new CorridorEnv(5, 20, true));
    }

    @Test
    void catchesObservationOutsideItsSpace() {
        List<String> p = EnvChecker.problems(() -> new Broken(Broken.Flaw.OBS_OUT_OF_SPACE));
        assertTrue(p.stream().anyMatch(s -> s.contains("outside the observation space")), p.toString());
    }

    @Test
    void catchesNonFiniteReward() {
        List<String> p = EnvChecker.problems(() -> new Broken(Broken.Flaw.NAN_REWARD));
        assertTrue(p.stream().anyMatch(s -> s.contains("not finite")), p.toString());
    }

    @Test
    void catchesUnseededRandomness() {
        List<String> p = EnvChecker.problems(() -> new Broken(Broken.Flaw.IGNORES_SEED));
        assertTrue(p.stream().anyMatch(s -> s.contains("same seed gave different trajectories")), p.toString());
    }

    @Test
    void catchesStochasticEnvThatIgnoresTheSeed() {
        List<String> p = EnvChecker.problems(() -> new Broken(Broken.Flaw.CLAIMS_STOCHASTIC));
        assertTrue(p.stream().anyMatch(s -> s.contains("different seeds gave identical")), p.toString());
    }

    @Test
    void catchesMutatedObservations() {
        List<String> p = EnvChecker.problems(() -> new Broken(Broken.Flaw.REUSES_OBS_ARRAY));
        assertTrue(p.stream().anyMatch(s -> s.contains("mutated an observation")), p.toString());
    }

    @Test
    void catchesAcceptedIllegalAction() {
        List<String> p = EnvChecker.problems(() -> new Broken(Broken.Flaw.ACCEPTS_ANY_ACTION));
        assertTrue(p.stream().anyMatch(s -> s.contains("illegal action")), p.toString());
    }

    /** An env with one deliberate contract breach. */
    private static final class Broken implements Env {
        enum Flaw { OBS_OUT_OF_SPACE, NAN_REWARD, IGNORES_SEED, CLAIMS_STOCHASTIC, REUSES_OBS_ARRAY, ACCEPTS_ANY_ACTION }

        private static long globalCounter;
        private final Flaw flaw;
        private final float[] shared = new float[1];
        private int t;
        private boolean started;
        private boolean done;

        Broken(Flaw flaw) {
            this.flaw = flaw;
        }

        @Override
        public Box observationSpace() {
            return Box.uniform(0, 1, 1);
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        public Reset reset(Long seed, Map<String, ?> options) {
            started = true;
            done = false;
            t = 0;
            return new Reset(obs(), Map.of());
        }

        @Override
        public Step step(Action action) {
            if (!started || done) {
                throw new IllegalStateException("not running");
            }
            if (flaw != Flaw.ACCEPTS_ANY_ACTION) {
                new Discrete(2).index(action);
            }
            t++;
            done = t >= 5;
            double r = flaw == Flaw.NAN_REWARD ? Double.NaN
                    : flaw == Flaw.IGNORES_SEED ? (globalCounter++ % 7) / 7.0 : 0.0;
            return new Step(obs(), r, done, false, Map.of());
        }

        private float[] obs() {
            if (flaw == Flaw.REUSES_OBS_ARRAY) {
                shared[0] = t / 10f;
                return shared;
            }
            return new float[] {flaw == Flaw.OBS_OUT_OF_SPACE ? 2f : t / 10f};
        }

        @Override
        public boolean stochastic() {
            return flaw == Flaw.CLAIMS_STOCHASTIC;
        }

        @Override
        public void close() {
        }
    }
}
