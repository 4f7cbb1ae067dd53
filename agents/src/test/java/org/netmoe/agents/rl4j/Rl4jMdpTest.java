package org.netmoe.agents.rl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.gym.StepReply;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Space;

class Rl4jMdpTest {

    @Test
    void spacesMirrorTheEnv() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(6, 20), 1);
        assertArrayEquals(new int[] {1}, mdp.getObservationSpace().getShape());
        assertEquals(2, mdp.getActionSpace().getSize());
        assertEquals(0, mdp.getActionSpace().noOp());
    }

    @Test
    void resetAndStepReplayTheEnvExactly() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(6, 20), 42);
        RandomStartCorridor direct = new RandomStartCorridor(6, 20);
        assertArrayEquals(direct.reset(42).observation(), mdp.reset().values());
        int[] actions = {1, 0, 1, 1, 1, 1, 1, 1};
        for (int a : actions) {
            Env.Step expected = direct.step(Action.of(a));
            StepReply<Rl4jObservation> reply = mdp.step(a);
            assertArrayEquals(expected.observation(), reply.getObservation().values());
            assertEquals(expected.reward(), reply.getReward());
            assertEquals(expected.done(), reply.isDone());
            assertEquals(expected.done(), mdp.isDone());
            if (reply.isDone()) {
                break;
            }
        }
    }

    @Test
    void firstResetIsSeededAndLaterResetsContinueTheStream() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(50, 20), 7);
        RandomStartCorridor direct = new RandomStartCorridor(50, 20);
        List<Float> viaMdp = new ArrayList<>();
        List<Float> viaEnv = new ArrayList<>();
        viaMdp.add(mdp.reset().values()[0]);
        viaEnv.add(direct.reset(7L, Map.of()).observation()[0]);
        for (int i = 0; i < 5; i++) {
            viaMdp.add(mdp.reset().values()[0]);
            viaEnv.add(direct.reset().observation()[0]);
        }
        assertEquals(viaEnv, viaMdp);
        assertTrue(viaMdp.stream().distinct().count() > 1, "later resets must not re-seed: " + viaMdp);
    }

    @Test
    void unseededMdpContinuesTheEnvsOwnStream() {
        Rl4jMdp mdp = Rl4jMdp.unseeded(() -> new RandomStartCorridor(50, 20));
        RandomStartCorridor direct = new RandomStartCorridor(50, 20);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(direct.reset().observation(), mdp.reset().values());
        }
    }

    @Test
    void terminationEndsTheEpisodeAndTheInfoSaysTerminated() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(3, 50), 3);
        mdp.reset();
        StepReply<Rl4jObservation> reply;
        do {
            reply = mdp.step(1);
        } while (!reply.isDone());
        Env.Step info = assertInstanceOf(Env.Step.class, reply.getInfo());
        assertTrue(info.terminated());
        assertFalse(info.truncated());
        assertEquals(1.0, reply.getReward());
        assertTrue(mdp.isDone());
    }

    @Test
    void truncationIsReportedAsDoneAndTheInfoSaysTruncated() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(50, 4), 3);
        mdp.reset();
        StepReply<Rl4jObservation> reply = null;
        for (int i = 0; i < 4; i++) {
            assertFalse(mdp.isDone());
            reply = mdp.step(0); // walk into the wall: never reaches the goal
        }
        Env.Step info = assertInstanceOf(Env.Step.class, reply.getInfo());
        assertTrue(reply.isDone());
        assertTrue(info.truncated());
        assertFalse(info.terminated());
        assertTrue(mdp.isDone());
    }

    @Test
    void steppingAfterTheEndOrBeforeResetIsAnError() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(50, 1), 3);
        assertTrue(mdp.isDone());
        assertThrows(IllegalStateException.class, () -> mdp.step(1));
        mdp.reset();
        mdp.step(1);
        assertThrows(IllegalStateException.class, () -> mdp.step(1));
    }

    @Test
    void rejectsActionsOutsideTheSpace() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(6, 20), 3);
        mdp.reset();
        assertThrows(IllegalArgumentException.class, () -> mdp.step(2));
        assertThrows(IllegalArgumentException.class, () -> mdp.step(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mdp.step(null));
        assertTrue(e.getMessage().contains("action"), e.getMessage());
    }

    @Test
    void rejectsABoxActionSpaceNamingIt() {
        Box box = Box.uniform(-1f, 1f, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rl4jMdp.of(() -> new BoxActionEnv(box), 1));
        assertTrue(e.getMessage().contains("Discrete"), e.getMessage());
        assertTrue(e.getMessage().contains(box.toString()), e.getMessage());
    }

    @Test
    void randomActionsAreSeededByTheMdpSeed() {
        List<Integer> a = randomActions(Rl4jMdp.of(() -> new RandomStartCorridor(6, 20), 5));
        List<Integer> b = randomActions(Rl4jMdp.of(() -> new RandomStartCorridor(6, 20), 5));
        List<Integer> c = randomActions(Rl4jMdp.of(() -> new RandomStartCorridor(6, 20), 6));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.stream().allMatch(x -> x == 0 || x == 1));
    }

    @Test
    void newInstancesAreReproducibleAndIndependent() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(1000, 20), 9);
        Rl4jMdp first = mdp.newInstance();
        Rl4jMdp second = mdp.newInstance();
        Rl4jMdp firstAgain = Rl4jMdp.of(() -> new RandomStartCorridor(1000, 20), 9).newInstance();
        float[] s1 = first.reset().values();
        assertArrayEquals(s1, firstAgain.reset().values());
        assertFalse(java.util.Arrays.equals(s1, second.reset().values()));
        assertFalse(first.isDone());
        assertTrue(mdp.isDone(), "a new instance has its own env");
    }

    @Test
    void observationDataIsAFloatRowOfTheObservationDimension() {
        Rl4jObservation obs = new Rl4jObservation(new float[] {0.25f, 0.5f, 1f});
        INDArray data = obs.getData();
        assertArrayEquals(new long[] {1, 3}, data.shape());
        assertEquals(DataType.FLOAT, data.dataType());
        assertArrayEquals(new double[] {0.25, 0.5, 1.0}, obs.toArray());
        assertEquals(obs, obs.dup());
        assertFalse(obs.isSkipped());
    }

    @Test
    void observationsAreNotAliasedWithTheCallersArray() {
        float[] values = {1f, 2f};
        Rl4jObservation obs = new Rl4jObservation(values);
        values[0] = 9f;
        obs.values()[1] = 9f;
        assertArrayEquals(new float[] {1f, 2f}, obs.values());
    }

    @Test
    void closeTwiceIsSafeAndResetAfterCloseIsAnError() {
        Rl4jMdp mdp = Rl4jMdp.of(() -> new RandomStartCorridor(6, 20), 1);
        mdp.reset();
        mdp.close();
        mdp.close();
        assertTrue(mdp.isDone());
        assertThrows(IllegalStateException.class, mdp::reset);
    }

    private static List<Integer> randomActions(Rl4jMdp mdp) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            out.add(mdp.getActionSpace().randomAction());
        }
        return out;
    }

    /** An env with a continuous action space, which the adapter must refuse. */
    private record BoxActionEnv(Box actions) implements Env {
        @Override
        public Box observationSpace() {
            return Box.uniform(0f, 1f, 1);
        }

        @Override
        public Space actionSpace() {
            return actions;
        }

        @Override
        public Reset reset(Long seed, Map<String, ?> options) {
            return new Reset(new float[] {0f}, Map.of());
        }

        @Override
        public Step step(Action action) {
            return new Step(new float[] {0f}, 0.0, true, false, Map.of());
        }

        @Override
        public boolean stochastic() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
