package org.netmoe.agents.rl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.netmoe.core.rng.RngStream;

class Rl4jDqnPolicyTest {

    @Test
    void saveLoadRoundTripKeepsGreedyActionsQValuesAndUpdaterState(@TempDir Path dir) throws IOException {
        Rl4jDqnConfig config = new Rl4jDqnConfig(List.of(16), 1e-3, 0.95, 16, 1_000, 50, 50, 1.0, 0.1, 200,
                true, 1.0, 1.0, 20);
        Rl4jDqnPolicy trained = new Rl4jDqnTrainer(config)
                .train(() -> new Corridor(6, 30), 300, 3L, 100, Rl4jDqnListener.NONE).policy();

        Path file = trained.save(dir.resolve("policy"));
        assertTrue(Files.isRegularFile(file));
        Rl4jDqnPolicy loaded = Rl4jDqnPolicy.load(dir.resolve("policy"));

        assertEquals(trained.obsDim(), loaded.obsDim());
        assertEquals(trained.numActions(), loaded.numActions());
        RngStream rng = RngStream.of(11);
        for (int i = 0; i < 50; i++) {
            float[] obs = new float[6];
            for (int j = 0; j < obs.length; j++) {
                obs[j] = rng.nextFloat();
            }
            assertEquals(trained.act(obs), loaded.act(obs));
            assertArrayEquals(trained.qValues(obs), loaded.qValues(obs));
        }
        INDArray updaterState = trained.network().getUpdater().getStateViewArray();
        assertTrue(updaterState.sumNumber().doubleValue() != 0, "Adam has moments after training");
        assertEquals(updaterState, loaded.network().getUpdater().getStateViewArray());
    }

    @Test
    void actIsTheArgmaxOfTheQValues() {
        Rl4jDqnPolicy policy = new Rl4jDqnPolicy(
                Rl4jDqnTrainer.qNetwork(Rl4jDqnConfig.defaults(), 3, 4, 5L));
        RngStream rng = RngStream.of(2);
        for (int i = 0; i < 20; i++) {
            float[] obs = {rng.nextFloat(), rng.nextFloat(), rng.nextFloat()};
            double[] q = policy.qValues(obs);
            int best = 0;
            for (int a = 1; a < q.length; a++) {
                if (q[a] > q[best]) {
                    best = a;
                }
            }
            assertEquals(best, policy.act(obs));
        }
    }

    @Test
    void rejectsAnObservationOfTheWrongLength() {
        Rl4jDqnPolicy policy = new Rl4jDqnPolicy(
                Rl4jDqnTrainer.qNetwork(Rl4jDqnConfig.defaults(), 3, 2, 5L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.act(new float[2]));
        assertEquals("obs must have length 3, was 2", e.getMessage());
    }

    @Test
    void loadingFromADirectoryWithoutAPolicyNamesTheMissingFile(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> Rl4jDqnPolicy.load(dir));
        assertTrue(e.getMessage().contains(Rl4jDqnPolicy.FILE_NAME), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void loadingACorruptFileNamesIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Rl4jDqnPolicy.FILE_NAME), "not a model");
        IOException e = assertThrows(IOException.class, () -> Rl4jDqnPolicy.load(dir));
        assertTrue(e.getMessage().contains(Rl4jDqnPolicy.FILE_NAME), e.getMessage());
    }
}
