package org.netmoe.envs.nsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvChecker;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;

class NspPowerEnvTest {
    private static NspConfig withSteps(NspConfig c, int episodeSteps) {
        return new NspConfig(c.powers(), c.antennas(), c.theta(), c.distance(), c.pathLossExponent(), c.noiseSigma(),
                c.beta1(), c.beta2(), c.bandwidthHz(), c.snrThresholdDb(), c.powerLimit(), c.qosTypes(),
                c.randomizeUsers(), c.userRanges(), c.qosBounds(), c.penaltyUtility(), episodeSteps, c.includeBep(),
                c.actionSpace());
    }

    @Test
    void passesTheEnvCheckerWithDefaults() {
        EnvChecker.check(() -> new NspPowerEnv(NspConfig.defaults()));
    }

    @Test
    void passesTheEnvCheckerWithoutRandomization() {
        NspConfig fixed = NspConfig.defaults().withRandomizeUsers(false).withQosTypes(List.of("tp"));
        EnvChecker.check(() -> new NspPowerEnv(fixed));
        assertFalse(new NspPowerEnv(fixed).stochastic(), "one fixed user and one QoS type");
        assertTrue(new NspPowerEnv(NspConfig.defaults().withRandomizeUsers(false)).stochastic(),
                "the QoS type is still drawn");
    }

    @Test
    void passesTheEnvCheckerWithMultiStepEpisodesAndBep() {
        NspConfig c = withSteps(NspConfig.defaults().withQosTypes(List.of("op", "dr", "tp", "bep")), 4);
        EnvChecker.check(() -> new NspPowerEnv(c));
    }

    @Test
    void passesTheEnvCheckerWithContinuousActions() {
        EnvChecker.check(() -> new NspPowerEnv(NspConfig.defaults().withActionSpace("continuous")));
        EnvChecker.check(() -> new NspPowerEnv(withSteps(NspConfig.defaults().withActionSpace("continuous"), 3)));
    }

    @Test
    void continuousActionIsAPowerInWattsScoredAgainstTheContinuousOracle() {
        NspPowerEnv env = new NspPowerEnv(NspConfig.defaults().withActionSpace("continuous"));
        assertEquals(Box.uniform(10f, 30f, 1), env.actionSpace());
        env.reset(4L, Map.of());
        for (int n = 0; n < 50; n++) {
            Env.Reset r = env.reset();
            NspUser user = env.user();
            NspOracle.ContinuousDecision best = env.optimalContinuous();
            assertEquals(best.utility(), r.info().get("optimal_utility"), 0.0);
            assertEquals(best.powerW(), r.info().get("optimal_power"), 0.0);
            float power = 10f + 0.4f * n;
            Env.Step s = env.step(Action.of(power));
            assertEquals(env.oracle().utility(user, power, user.qos()), s.reward(), 0.0);
            assertEquals(best.utility() - s.reward(), s.info().get("regret"), 1e-12);
            assertTrue(s.info().get("regret") >= 0);
            assertEquals(power, s.info().get("power"), 0.0);
        }
        env.reset();
        Env.Step atOptimum = env.step(Action.of((float) env.optimalContinuous().powerW()));
        assertEquals(0.0, atOptimum.info().get("regret"), 1e-6);
    }

    @Test
    void specBuildsTheEnvFromItsDefaults() {
        assertEquals("nsp-power", NspPowerEnv.SPEC.id());
        try (Env env = NspPowerEnv.SPEC.make()) {
            assertInstanceOf(NspPowerEnv.class, env);
            assertEquals(NspConfig.defaults(), ((NspPowerEnv) env).config());
        }
    }

    @Test
    void rewardIsTheUtilityOfTheChosenPowerAndRegretIsMeasuredAgainstTheOracle() {
        NspPowerEnv env = new NspPowerEnv(NspConfig.defaults());
        env.reset(3L, Map.of());
        for (int n = 0; n < 100; n++) {
            env.reset();
            NspUser user = env.user();
            NspOracle.Decision best = env.optimal();
            int action = n % env.config().powerLevels();
            Env.Step s = env.step(Action.of(action));
            assertEquals(env.utility(user, action, user.qos()), s.reward(), 0.0);
            assertEquals(best.utility(), s.info().get("optimal_utility"), 0.0);
            assertEquals(best.utility() - s.reward(), s.info().get("regret"), 0.0);
            assertTrue(s.info().get("regret") >= 0);
            assertEquals(best.powerIndex(), s.info().get("optimal_action"));
            assertEquals(env.config().power(action), s.info().get("power"));
            assertTrue(s.terminated() && !s.truncated(), "a contextual bandit ends after one step");
        }
    }

    @Test
    void theOptimalActionHasZeroRegret() {
        NspPowerEnv env = new NspPowerEnv(NspConfig.defaults());
        for (long seed = 0; seed < 50; seed++) {
            Env.Reset r = env.reset(seed, Map.of());
            int best = r.info().get("optimal_action").intValue();
            Env.Step s = env.step(Action.of(best));
            assertEquals(0.0, s.info().get("regret"));
            assertEquals(r.info().get("optimal_utility"), s.reward());
        }
    }

    @Test
    void observationNormalizesTheUserByTheRangesAndOneHotsTheQosType() {
        NspPowerEnv env = new NspPowerEnv(NspConfig.defaults().withRandomizeUsers(false).withQosTypes(List.of("dr")));
        float[] obs = env.reset(1L, Map.of()).observation();
        // D = 10 in [4, 12], θ = 6 in [4, 8], M = 10 in {6..14}, α = 2 in [1.9, 2.1]; one-hot op, dr, tp, bep
        assertArrayEquals(new float[] {0.75f, 0.5f, 0.5f, 0.5f, 0, 1, 0, 0}, obs, 1e-6f);
        assertArrayEquals(new float[] {0.75f, 0.5f, 0.5f, 0.5f, 0, 0, 1, 0},
                env.observation(env.user().withQos(QosType.TP)), 1e-6f);
    }

    @Test
    void drawsTheQosTypeOnlyFromTheConfiguredOnes() {
        NspPowerEnv env = new NspPowerEnv(NspConfig.defaults().withQosTypes(List.of("op", "dr")));
        boolean sawOp = false;
        boolean sawDr = false;
        env.reset(5L, Map.of());
        for (int n = 0; n < 100; n++) {
            QosType q = env.user().qos();
            assertTrue(q == QosType.OP || q == QosType.DR, q.toString());
            sawOp |= q == QosType.OP;
            sawDr |= q == QosType.DR;
            env.reset();
        }
        assertTrue(sawOp && sawDr);
    }

    @Test
    void multiStepEpisodeServesANewUserEachStepAndTerminatesAtTheLast() {
        NspPowerEnv env = new NspPowerEnv(withSteps(NspConfig.defaults(), 3));
        env.reset(8L, Map.of());
        NspUser first = env.user();
        Env.Step s1 = env.step(Action.of(0));
        assertFalse(s1.done());
        assertNotEquals(first, env.user());
        assertArrayEquals(env.observation(env.user()), s1.observation());
        assertFalse(env.step(Action.of(1)).done());
        Env.Step last = env.step(Action.of(2));
        assertTrue(last.terminated() && !last.truncated());
    }
}
