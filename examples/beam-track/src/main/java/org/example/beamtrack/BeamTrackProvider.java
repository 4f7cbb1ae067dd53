package org.example.beamtrack;

import java.util.List;
import org.netmoe.envs.EnvProvider;
import org.netmoe.envs.EnvSpec;

/** Registers {@link BeamTrackEnv} with NetMoE (listed in META-INF/services/org.netmoe.envs.EnvProvider). */
public final class BeamTrackProvider implements EnvProvider {
    @Override
    public List<EnvSpec<?>> envs() {
        return List.of(BeamTrackEnv.SPEC);
    }
}
