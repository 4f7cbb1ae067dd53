package org.netmoe.agents.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.HostArrays;

class DiffusionActorTest {
    private static final int ACTION = 2;
    private static final int COND = 1;

    private static DiffusionPolicy policy(DiffusionConfig config, DenoiserSpec spec, long seed) {
        int in = DiffusionPolicy.denoiserInputSize(config, ACTION, COND);
        return new DiffusionPolicy(config, spec.create(in, ACTION, RngStream.of(seed).split("init")), ACTION, COND);
    }

    private static float[] host(org.nd4j.linalg.api.ndarray.INDArray a) {
        float[] h = new float[Math.toIntExact(a.length())];
        HostArrays.read(a, h);
        return h;
    }

    private static double linear(float[][] x, float[] c) {
        double s = 0;
        for (int r = 0; r < x.length; r++) {
            for (int d = 0; d < ACTION; d++) {
                s += (double) c[r * ACTION + d] * x[r][d];
            }
        }
        return s;
    }

    /**
     * ∂(Σ c ⊙ x_0)/∂θ through all 5 reverse steps against float32 central differences (eps = 1e-3 on each
     * parameter, the same x_T and posterior noise each time); tanh denoisers so no ReLU kink is crossed, the
     * MoE dense (Top-3 of 3, no auxiliary loss) so no routing flips. clip 5 leaves x̂_0 unclipped; clip 0.6
     * clips some entries (their gradient is cut), none within eps of the box at this seed. Per parameter
     * |analytic − numeric| ≤ 2e-3 + 2e-2·|numeric|, relative L2 error ≤ 1e-2.
     */
    @ParameterizedTest(name = "{0} clip={1}")
    @CsvSource({"mlp, 5.0", "moe, 5.0", "mlp, 0.6"})
    void chainGradientMatchesFiniteDifferences(String type, double clip) {
        DiffusionConfig config = new DiffusionConfig(5, BetaSchedule.VP, 4, 1e-3, 1.0, clip, DiffusionConfig.Training.ACTOR, 1.0);
        DenoiserSpec spec = type.equals("mlp") ? new DenoiserSpec("mlp", List.of(12), "tanh", 1, 1, 0)
                : new DenoiserSpec("moe", List.of(6), "tanh", 3, 3, 0);
        DiffusionPolicy p = policy(config, spec, 21);
        RngStream data = RngStream.of(22);
        int batch = 3;
        float[][] cond = new float[batch][COND];
        float[] c = new float[batch * ACTION];
        for (int r = 0; r < batch; r++) {
            cond[r][0] = (float) (2 * data.nextDouble() - 1);
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) (2 * data.nextDouble() - 1);
        }
        float[] analytic = p.chainParameterGradient(cond, c, RngStream.of(5));
        float[] params = host(p.denoiser().parameters());
        double eps = 1e-3;
        double diff2 = 0;
        double norm2 = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            float orig = params[i];
            params[i] = (float) (orig + eps);
            HostArrays.write(params, p.denoiser().parameters());
            double plus = linear(p.sample(cond, RngStream.of(5)), c);
            params[i] = (float) (orig - eps);
            HostArrays.write(params, p.denoiser().parameters());
            double minus = linear(p.sample(cond, RngStream.of(5)), c);
            params[i] = orig;
            HostArrays.write(params, p.denoiser().parameters());
            double numeric = (plus - minus) / (2 * eps);
            double error = Math.abs(analytic[i] - numeric);
            diff2 += error * error;
            norm2 += numeric * numeric;
            if (error > 2e-3 + 2e-2 * Math.abs(numeric)) {
                failures.add("param " + i + ": analytic " + analytic[i] + ", numeric " + numeric);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(norm2 > 0, "chain gradient is identically zero");
        assertTrue(Math.sqrt(diff2 / norm2) < 1e-2, "relative L2 error " + Math.sqrt(diff2 / norm2));
    }

    /** ∂(Σ w·min(Q1, Q2))/∂a against central differences in the action (eps = 1e-3, tolerance 1e-2 relative). */
    @Test
    void criticActionGradientMatchesFiniteDifferences() {
        DoubleCritic critic = new DoubleCritic(new CriticConfig(List.of(16, 16), 1e-3, 10, 0.005, 0.99), ACTION, COND,
                RngStream.of(31));
        RngStream data = RngStream.of(32);
        int batch = 4;
        float[][] cond = new float[batch][COND];
        float[][] act = new float[batch][ACTION];
        float[] w = new float[batch];
        for (int r = 0; r < batch; r++) {
            cond[r][0] = (float) (2 * data.nextDouble() - 1);
            act[r][0] = (float) (2 * data.nextDouble() - 1);
            act[r][1] = (float) (2 * data.nextDouble() - 1);
            w[r] = (float) (2 * data.nextDouble() - 1);
        }
        float[] g = critic.minQActionGradient(cond, act, w);
        double eps = 1e-3;
        for (int r = 0; r < batch; r++) {
            for (int d = 0; d < ACTION; d++) {
                float orig = act[r][d];
                act[r][d] = (float) (orig + eps);
                double plus = weighted(critic.minQ(cond, act), w);
                act[r][d] = (float) (orig - eps);
                double minus = weighted(critic.minQ(cond, act), w);
                act[r][d] = orig;
                double numeric = (plus - minus) / (2 * eps);
                assertEquals(numeric, g[r * ACTION + d], 1e-2 * Math.max(1, Math.abs(numeric)), "row " + r + " dim " + d);
            }
        }
    }

    private static double weighted(float[] q, float[] w) {
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            s += (double) w[i] * q[i];
        }
        return s;
    }

    /** The bandit's optimum a*(s) = (0.8·s, −0.5) and reward r(s, a) = −||a − a*(s)||². */
    private static float reward(float s, float[] a) {
        double d0 = a[0] - 0.8 * s;
        double d1 = a[1] + 0.5;
        return (float) -(d0 * d0 + d1 * d1);
    }

    private static double meanTrueReward(DiffusionPolicy p) {
        int n = 256;
        float[][] cond = new float[n][COND];
        for (int r = 0; r < n; r++) {
            cond[r][0] = -1f + 2f * r / (n - 1);
        }
        float[][] a = p.sample(cond, RngStream.of(99).split("eval"));
        double s = 0;
        for (int r = 0; r < n; r++) {
            s += reward(cond[r][0], a[r]) / n;
        }
        return s;
    }

    /** The trained pair after {@code iterations} of: sample a batch, update the critic on it, one actor step. */
    private static Object[] trainOnBandit(long seed, int iterations) {
        DiffusionConfig config = new DiffusionConfig(5, BetaSchedule.VP, 8, 1e-3, 1.0, 1.0, DiffusionConfig.Training.ACTOR, 1.0);
        DiffusionPolicy p = policy(config, DenoiserSpec.mlp(List.of(32, 32)), seed);
        DoubleCritic critic = new DoubleCritic(new CriticConfig(List.of(64, 64), 3e-3, 10, 0.005, 0.99), ACTION, COND,
                RngStream.of(seed).split("critic"));
        RngStream data = RngStream.of(seed).split("data");
        RngStream act = RngStream.of(seed).split("act");
        RngStream chain = RngStream.of(seed).split("chain");
        int batch = 64;
        for (int it = 0; it < iterations; it++) {
            float[][] cond = new float[batch][COND];
            for (int r = 0; r < batch; r++) {
                cond[r][0] = (float) (2 * data.nextDouble() - 1);
            }
            float[][] a = p.sample(cond, act);
            float[] rewards = new float[batch];
            for (int r = 0; r < batch; r++) {
                rewards[r] = reward(cond[r][0], a[r]);
            }
            critic.update(CriticBatch.oneStep(cond, a, rewards));
            if (it >= 50) { // let the critic see some data before the actor follows it
                p.actorUpdate(cond, null, critic, chain);
            }
        }
        return new Object[] {p, critic};
    }

    /**
     * Toy one-step continuous bandit (fixed seed 4): s ~ U[−1, 1], r = −||a − (0.8·s, −0.5)||², the
     * critic learns from the policy's own samples, the actor follows −Q through the chain (no expert).
     * Untrained, the policy's mean true reward must be below −0.3 (measured −1.63); after 1500 iterations it
     * must exceed −0.05 (measured −0.002), which a policy ignoring s cannot reach (the best constant action
     * scores −0.64/3 = −0.213): the actor moved its samples onto the state-dependent optimum.
     */
    @Test
    void actorModeLearnsAContinuousBandit() {
        double before = meanTrueReward(policy(new DiffusionConfig(5, BetaSchedule.VP, 8, 1e-3, 1.0, 1.0, DiffusionConfig.Training.ACTOR, 1.0),
                DenoiserSpec.mlp(List.of(32, 32)), 4));
        DiffusionPolicy trained = (DiffusionPolicy) trainOnBandit(4, 1500)[0];
        double after = meanTrueReward(trained);
        System.out.printf("bandit mean true reward: before %.4f, after %.4f%n", before, after);
        assertTrue(before < -0.3, "untrained reward " + before);
        assertTrue(after > -0.05, "reward after actor training " + after + " (before " + before + ")");
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        Object[] a = trainOnBandit(8, 80);
        Object[] b = trainOnBandit(8, 80);
        assertArrayEquals(host(((DiffusionPolicy) a[0]).denoiser().parameters()),
                host(((DiffusionPolicy) b[0]).denoiser().parameters()));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(host(((DoubleCritic) a[1]).q(i).parameters()), host(((DoubleCritic) b[1]).q(i).parameters()));
            assertArrayEquals(host(((DoubleCritic) a[1]).target(i).parameters()),
                    host(((DoubleCritic) b[1]).target(i).parameters()));
        }
        assertEquals(30, ((DiffusionPolicy) a[0]).updates());
        assertEquals(80, ((DoubleCritic) a[1]).updates());
    }

    /** With γ = 0.5 a non-terminal row regresses on r + 0.5·min target Q; a terminal row on r alone. */
    @Test
    void criticBootstrapsOnlyPastNonTerminalRows() {
        CriticConfig cc = new CriticConfig(List.of(16), 1e-2, 10, 1.0, 0.5);
        DoubleCritic critic = new DoubleCritic(cc, ACTION, COND, RngStream.of(41));
        float[][] s = {{0.5f}, {0.5f}};
        float[][] a = {{0.1f, 0.2f}, {0.1f, 0.2f}};
        float[][] s2 = {{-0.5f}, {-0.5f}};
        float[][] a2 = {{0.3f, -0.3f}, {0.3f, -0.3f}};
        for (int i = 0; i < 2000; i++) {
            // τ = 1 makes the target equal the online network after each update, so the fixed point is Q = r + γQ(s', a').
            critic.update(new CriticBatch(s, a, new float[] {1f, 1f}, new boolean[] {false, false}, s2, a2));
            critic.update(CriticBatch.oneStep(s2, a2, new float[] {2f, 2f}));
        }
        assertEquals(2.0, critic.minQ(s2, a2)[0], 0.05);
        assertEquals(1.0 + 0.5 * 2.0, critic.minQ(s, a)[0], 0.05);
    }

    @Test
    void behaviourCloningPolicyRefusesActorUpdates() {
        DiffusionPolicy p = policy(DiffusionConfig.defaults(), DenoiserSpec.mlp(List.of(8)), 1);
        DoubleCritic critic = new DoubleCritic(CriticConfig.defaults(), ACTION, COND, RngStream.of(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.actorUpdate(new float[][] {{0f}}, null, critic, RngStream.of(2)));
        assertTrue(e.getMessage().contains("training"), e.getMessage());
    }

    @Test
    void rejectsUnknownTrainingModeNamingTheFieldAndTheAllowedModes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DiffusionConfig.Training.named("q-learning"));
        assertEquals("training must be one of [bc, actor, bc+actor], was q-learning", e.getMessage());
        assertEquals(DiffusionConfig.Training.BC_ACTOR, DiffusionConfig.Training.named("bc+actor"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new DiffusionConfig(5, BetaSchedule.VP, 8, 1e-3, 1.0, 1.0, null, 1.0));
        assertTrue(e.getMessage().startsWith("training"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CriticConfig(List.of(8), 1e-3, 1, 1.5, 0.9));
        assertTrue(e.getMessage().contains("tau"), e.getMessage());
    }
}
