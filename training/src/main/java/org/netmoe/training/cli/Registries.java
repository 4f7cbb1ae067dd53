package org.netmoe.training.cli;

import java.util.List;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.moe.mix.GateIds;
import org.netmoe.training.run.AgentRegistry;

/** The registries the CLI resolves ids against. */
record Registries(EnvRegistry envs, AgentRegistry agents, List<String> gates) {
    static Registries standard() {
        return new Registries(EnvRegistry.standard(), AgentRegistry.standard(), GateIds.ALL);
    }
}
