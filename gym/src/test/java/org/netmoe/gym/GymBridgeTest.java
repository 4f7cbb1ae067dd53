package org.netmoe.gym;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.envs.space.Action;

/** The facade the Python package calls: binding, errors and the packed step layout. */
class GymBridgeTest {
    @Test
    void kwargsAreBoundAsEnvParamsWithTheSameOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GymBridge.make("maze-3x7", "{\"task\": [\"goal\", \"nope\"]}"));
        assertEquals("maze-3x7: kwargs.task must contain only [goal, prize, trap], was [goal, nope]", e.getMessage());
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
                () -> GymBridge.make("maze-3x7", "{task"));
        assertEquals(1, notJson.getMessage().lines().count(), notJson.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GymBridge.makeVector("maze-3x7", "{}", 0));
    }

    @Test
    void packedStepCarriesRewardFlagsInfoAndObservationOfNetMoesEnv() {
        try (BridgeEnv bridged = GymBridge.make("nsp-power", "{}");
             Env direct = EnvRegistry.standard().get("nsp-power").make()) {
            float[] first = bridged.reset(true, 5);
            assertArrayEquals(direct.reset(5L, Map.of()).observation(), first);
            double[] packed = bridged.step(2);
            Env.Step s = direct.step(Action.of(2));
            assertEquals(s.reward(), packed[0]);
            assertEquals(s.terminated() ? 1.0 : 0.0, packed[1]);
            assertEquals(s.truncated() ? 1.0 : 0.0, packed[2]);
            assertEquals(1.0, packed[3], "the first step sends its info keys");
            String[] keys = bridged.infoKeys();
            assertEquals(keys.length, (int) packed[4]);
            for (int k = 0; k < keys.length; k++) {
                assertEquals(s.info().get(keys[k]), packed[5 + k], keys[k]);
            }
            float[] obs = new float[s.observation().length];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = (float) packed[5 + keys.length + i];
            }
            assertArrayEquals(s.observation(), obs);
            bridged.reset(false, 0); // nsp-power's episodes are one step long
            double[] again = bridged.step(1);
            assertEquals(0.0, again[3], "unchanged info keys are not re-sent: " + Arrays.toString(keys));
        }
    }
}
