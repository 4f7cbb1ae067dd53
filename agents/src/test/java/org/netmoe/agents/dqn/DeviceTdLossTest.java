package org.netmoe.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netmoe.agents.KernelPaths.uniform;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.netmoe.agents.KernelPaths;
import org.netmoe.agents.buffer.ReplayBatch;
import org.netmoe.core.rng.RngStream;
import org.netmoe.moe.nn.KernelPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J-op TD loss ({@link DeviceTdLoss}, {@link DeviceTdStep}) against the host loops ({@link TdLoss}): the
 * same loss, mean Q and ∂loss/∂output to float rounding, and whole {@link Dqn} agents on the two kernel paths
 * taking the same updates.
 */
class DeviceTdLossTest {
    private static final int N = 16;
    private static final int ACTIONS = 4;

    private static INDArray device(float[] x, int rows, int cols) {
        return Nd4j.create(x, new long[] {rows, cols}, 'c');
    }

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void lossAndGradientMatchTheHostLoops(boolean doubleDqn, boolean dueling) {
        RngStream rng = RngStream.of(11);
        int width = dueling ? ACTIONS + 1 : ACTIONS;
        // scale 3: some TD errors beyond δ = 1 (the linear branch), some within
        float[] raw = uniform(rng, N * width, 3);
        float[] rawNextOnline = uniform(rng, N * width, 3);
        float[] rawNextTarget = uniform(rng, N * width, 3);
        int[] actions = new int[N];
        float[] rewards = uniform(rng, N, 1);
        boolean[] terminated = new boolean[N];
        float[] oneHot = new float[N * ACTIONS];
        float[] notTerminated = new float[N];
        for (int j = 0; j < N; j++) {
            actions[j] = rng.nextInt(ACTIONS);
            terminated[j] = j % 5 == 0;
            oneHot[j * ACTIONS + actions[j]] = 1;
            notTerminated[j] = terminated[j] ? 0 : 1;
        }
        float[] q = new float[N * ACTIONS];
        float[] qNextOnline = new float[N * ACTIONS];
        float[] qNextTarget = new float[N * ACTIONS];
        TdLoss.toQ(raw, 0, N, ACTIONS, dueling, q);
        TdLoss.toQ(rawNextOnline, 0, N, ACTIONS, dueling, qNextOnline);
        TdLoss.toQ(rawNextTarget, 0, N, ACTIONS, dueling, qNextTarget);
        float[] dQ = new float[N * ACTIONS];
        UpdateStats hostStats = TdLoss.compute(q, qNextOnline, qNextTarget, actions, rewards, terminated, ACTIONS,
                doubleDqn, 0.9, 1.0, dQ);
        float[] dRaw = new float[N * width];
        TdLoss.backwardQ(dQ, N, ACTIONS, dueling, dRaw);

        INDArray qDevice = DeviceTdLoss.toQ(device(raw, N, width), ACTIONS, dueling);
        assertTrue(KernelPaths.maxRelativeError(q, KernelPaths.toHost(qDevice)) < 1e-6, "Q-values");
        INDArray choice = doubleDqn
                ? DeviceTdLoss.argmaxOneHot(DeviceTdLoss.toQ(device(rawNextOnline, N, width), ACTIONS, dueling)) : null;
        INDArray stats = Nd4j.create(DataType.FLOAT, 2);
        INDArray dQDevice = DeviceTdLoss.compute(qDevice, DeviceTdLoss.toQ(device(rawNextTarget, N, width), ACTIONS,
                dueling), choice, device(oneHot, N, ACTIONS), device(rewards, N, 1), device(notTerminated, N, 1), 0.9,
                1.0, stats);
        float[] s = KernelPaths.toHost(stats);
        assertEquals(hostStats.loss(), s[0], 1e-6 * Math.max(1, hostStats.loss()), "loss");
        assertEquals(hostStats.qMean(), s[1], 1e-6, "mean Q");
        assertTrue(KernelPaths.maxRelativeError(dRaw, KernelPaths.toHost(DeviceTdLoss.backwardQ(dQDevice, ACTIONS, dueling))) < 1e-6,
                "dLoss/dOutput");
    }

    @ParameterizedTest
    @CsvSource({"false,false", "true,true"})
    void agentsOnBothPathsTakeTheSameUpdates(boolean doubleDqn, boolean dueling) {
        DqnConfig config = new DqnConfig(List.of(16, 16), 1e-3, 0.9, N, 100, 0, 1, 1, new TargetUpdate.Polyak(0.1),
                doubleDqn, dueling, 1.0, 1.0, 0.05, 0.5, OptionalDouble.empty(), 1);
        Dqn onHost = KernelPaths.on(KernelPath.HOST, () -> new Dqn(config, 3, ACTIONS, RngStream.of(1)));
        Dqn onDevice = KernelPaths.on(KernelPath.ND4J, () -> new Dqn(config, 3, ACTIONS, RngStream.of(1)));
        assertEquals(KernelPath.HOST, onHost.online().kernelPath());
        assertEquals(KernelPath.ND4J, onDevice.online().kernelPath());
        RngStream rng = RngStream.of(2);
        for (int update = 0; update < 10; update++) {
            boolean[] terminated = new boolean[N];
            float[] actions = new float[N];
            for (int j = 0; j < N; j++) {
                terminated[j] = rng.nextInt(4) == 0;
                actions[j] = rng.nextInt(ACTIONS);
            }
            ReplayBatch batch = ReplayBatch.of(uniform(rng, N * 3, 1), actions, uniform(rng, N, 2),
                    uniform(rng, N * 3, 1), terminated);
            UpdateStats a = onHost.update(batch);
            UpdateStats b = onDevice.update(batch);
            assertEquals(a.loss(), b.loss(), 1e-5 * Math.max(1, a.loss()), "loss at update " + update);
            assertEquals(a.qMean(), b.qMean(), 1e-5, "mean Q at update " + update);
        }
        double error = KernelPaths.maxRelativeError(KernelPaths.toHost(onHost.online().parameters()),
                KernelPaths.toHost(onDevice.online().parameters()));
        assertTrue(error < 1e-4, "parameters after 10 updates differ by " + error);
    }
}
