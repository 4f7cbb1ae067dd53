package org.netmoe.training.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.netmoe.moe.nn.Network;
import org.netmoe.moe.nn.ParameterFile;

/**
 * A trained policy that is one network, saved in the run directory as the parameter file
 * {@code fileName} holding one entry {@code entry} (DQN's online Q-network, SAC's actor).
 *
 * @param fileName the file in the run directory, e.g. {@code dqn-q.bin}
 * @param entry    the entry the network's flat parameters are stored under
 */
record NetworkFile(String fileName, String entry) {

    /** Writes {@code network}'s parameters into {@code runDir}. */
    void save(Path runDir, Network network) throws IOException {
        ParameterFile.write(runDir.resolve(fileName), Map.of(entry, network.parameters().toFloatVector()));
    }

    /**
     * Loads the saved parameters of {@code runDir} into {@code network}.
     *
     * @throws IOException naming the file when it is missing, unreadable or does not fit the network
     */
    void load(Path runDir, Network network) throws IOException {
        Path file = runDir.resolve(fileName);
        ParameterFile.load(ParameterFile.read(file), entry, network, file);
    }
}
