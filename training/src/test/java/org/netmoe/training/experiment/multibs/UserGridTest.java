package org.netmoe.training.experiment.multibs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netmoe.envs.multibs.ChannelSpec;
import org.netmoe.envs.multibs.LinkBudget;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.envs.multibs.MultiBsEnv;
import org.netmoe.training.config.ConfigException;

/** The UE grid: its checkerboard split, the exhaustive-search set and expert of every user, and the references. */
class UserGridTest {
    /** The smoke env without buildings (every grid point outdoors): 6 BSs over 300 m x 200 m. */
    private static MultiBsConfig env() {
        return env(ChannelSpec.geometric());
    }

    private static MultiBsConfig env(ChannelSpec channel) {
        MultiBsConfig d = MultiBsConfig.defaults();
        return new MultiBsConfig(6, 2, 3, 300, 200, d.bsHeight(), d.ueHeight(), d.bsHorizontal(), d.bsVertical(),
                d.ueAntennas(), d.streams(), d.oversampling(), d.carrierGhz(), d.txPowerDbm(), d.noiseDbm(),
                d.pathLossExponent(), 0, 20, 4, d.xprDb(), true, d.sceneSeed(), 1, channel);
    }

    @Test
    void checkerboardSplitWithTheExhaustiveSetAndExpertOfEveryUser() {
        MultibsFig12Config.UsersSpec spec = new MultibsFig12Config.UsersSpec(100, 60, 5, 4, 1);
        UserGrid grid = new UserGrid(env(), spec);
        assertEquals(10, grid.train.size());
        assertEquals(10, grid.test.size());
        grid.test.forEach(u -> assertEquals(1, (u.column() + u.row()) % 2));
        grid.train.forEach(u -> assertEquals(0, (u.column() + u.row()) % 2));
        try (MultiBsEnv env = new MultiBsEnv(env())) {
            for (UserGrid.User u : List.of(grid.train.get(3), grid.test.get(7))) {
                // Grid point (i, j) at (x0 + (i + 1/2)·spacing, y0 + (j + 1/2)·spacing), observation over the grid.
                double x = 100 + u.column() + 0.5;
                double y = 60 + u.row() + 0.5;
                assertEquals((float) ((x - 100) / 5), u.observation()[0]);
                assertEquals((float) ((y - 60) / 4), u.observation()[1]);
                LinkBudget.Choice best = env.budgetAt(x, y).bestOverall();
                assertEquals(best.setIndex(), u.set());
                assertEquals(best.precoder(), u.expert());
                assertEquals(best.sumRate(), u.rate(u.expert()), 1e-12);
            }
        }
        List<UserGrid.Reference> refs = grid.references();
        assertEquals(1.0, refs.get(0).match());
        assertEquals(grid.test.stream().mapToDouble(u -> u.rate(u.expert())).average().orElseThrow(),
                refs.get(0).sumRate(), 1e-12);
        for (UserGrid.Reference r : refs) {
            assertTrue(r.sumRate() <= refs.get(0).sumRate() + 1e-12, r.toString());
        }
    }

    @Test
    void aGridOutsideTheAreaOrOnDeepMimoIsRefusedNamingTheSection() {
        ConfigException outside = assertThrows(ConfigException.class,
                () -> new UserGrid(env(), new MultibsFig12Config.UsersSpec(280, 60, 30, 4, 1)));
        assertTrue(outside.getMessage().startsWith("users: the grid [280.0, 310.0]"), outside.getMessage());
        ConfigException deepMimo = assertThrows(ConfigException.class, () -> new UserGrid(
                env(ChannelSpec.deepMimo("no-such-scenario", 1, 10)), new MultibsFig12Config.UsersSpec(0, 0, 5, 4, 1)));
        assertEquals("env.channel.source: multibs-fig12 places its users on a grid over the built-in geometric scene;"
                + " was deepmimo", deepMimo.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> new MultibsFig12Config.UsersSpec(0, 0, 5, 4, 3));
        assertTrue(few.getMessage().startsWith("spacing must leave at least 2 grid points"), few.getMessage());
    }
}
