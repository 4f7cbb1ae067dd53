package org.netmoe.envs;

import java.util.List;
import org.netmoe.envs.dmoe.DmoeSelectEnv;
import org.netmoe.envs.edge.EdgeSelectEnv;
import org.netmoe.envs.maze.MazeEnv;
import org.netmoe.envs.multibs.MultiBsEnv;
import org.netmoe.envs.nsp.NspPowerEnv;

/** The envs that ship with NetMoE, registered through {@link EnvProvider} like a user's. */
public final class BuiltinEnvs implements EnvProvider {
    @Override
    public List<EnvSpec<?>> envs() {
        return List.of(MazeEnv.SPEC, NspPowerEnv.SPEC, EdgeSelectEnv.SPEC, DmoeSelectEnv.SPEC, MultiBsEnv.SPEC);
    }
}
