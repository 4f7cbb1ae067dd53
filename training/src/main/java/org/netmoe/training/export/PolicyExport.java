package org.netmoe.training.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.netmoe.agents.dqn.DqnConfig;
import org.netmoe.agents.ppo.ActorCritic;
import org.netmoe.agents.ppo.PpoConfig;
import org.netmoe.agents.sac.SacConfig;
import org.netmoe.envs.Env;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.Space;
import org.netmoe.export.onnx.OnnxPolicy;
import org.netmoe.export.onnx.PolicyHead;
import org.netmoe.export.onnx.PolicyNetwork;
import org.netmoe.export.onnx.proto.Onnx.ModelProto;
import org.netmoe.training.agent.DqnAgent;
import org.netmoe.training.agent.PpoAgent;
import org.netmoe.training.agent.SacAgentSpec;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.run.ResolvedRun;
import org.netmoe.training.run.RunProvenance;
import org.netmoe.training.run.TrainSession;

/**
 * The trained policy of a finished {@code netmoe train} run as an ONNX model ({@link OnnxPolicy}): DQN's
 * online Q-network (output {@code q_values}, dueling heads combined), PPO's actor (MLP or MoE; output
 * {@code logits}, or {@code mean} on a box) and SAC's actor (output {@code logits}, or {@code mean} μ on a
 * box), each with the greedy {@code action}. The networks are loaded by the agents' own policy loaders, so
 * the exported parameters are exactly the ones {@code netmoe eval} runs.
 */
public final class PolicyExport {
    private PolicyExport() {
    }

    /**
     * The model of the policy saved in {@code runDir}, trained as {@code run} describes.
     *
     * @throws ConfigException when the agent cannot be exported, the run is unfinished (paused, or never
     *                         saved its policy) or its policy file does not load
     */
    public static ModelProto onnx(Path runDir, ResolvedRun run) throws IOException {
        String agent = run.agentSpec().id();
        String policyFile = switch (agent) {
            case "dqn" -> DqnAgent.POLICY_FILE;
            case "ppo" -> PpoAgent.POLICY_FILE;
            case "sac" -> SacAgentSpec.POLICY_FILE;
            default -> throw new ConfigException("export supports the agents dqn, ppo and sac; run " + runDir
                    + " was trained by " + agent);
        };
        requireFinished(runDir, policyFile);
        try (Env env = run.envSpec().make(run.envConfig())) {
            Space actions = env.actionSpace();
            int width = actions instanceof Discrete d ? d.n() : actions.flatDim();
            PolicyNetwork network;
            PolicyHead head;
            if (run.agentConfig() instanceof DqnConfig c) {
                network = PolicyNetwork.of(DqnAgent.loadNetwork(runDir, c, env).online());
                head = new PolicyHead.Argmax("q_values", c.dueling());
            } else if (run.agentConfig() instanceof PpoConfig c) {
                ActorCritic policy = PpoAgent.loadActorCritic(runDir, c, env);
                network = PolicyNetwork.of(policy.actor());
                head = actions instanceof Box b ? new PolicyHead.GaussianMean(b)
                        : new PolicyHead.Argmax("logits", false);
            } else {
                network = PolicyNetwork.of(SacAgentSpec.loadAgent(runDir, (SacConfig) run.agentConfig(), env).actor());
                head = actions instanceof Box b ? new PolicyHead.TanhGaussian(b)
                        : new PolicyHead.Argmax("logits", false);
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("netmoe.agent", agent);
            metadata.put("netmoe.env", run.envSpec().id());
            metadata.put("netmoe.seed", Long.toString(run.seed()));
            metadata.put("netmoe.policy_file", policyFile);
            metadata.put("netmoe.network", network.describe());
            return OnnxPolicy.model(network, head, width, RunProvenance.version(), metadata);
        } catch (IOException e) {
            throw new ConfigException("cannot load the policy of " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** A run writes its policy file only when it ends: without one it is paused or never finished. */
    private static void requireFinished(Path runDir, String policyFile) {
        if (Files.isRegularFile(runDir.resolve(policyFile))) {
            return;
        }
        if (Files.isDirectory(runDir.resolve(TrainSession.CHECKPOINTS))) {
            throw new ConfigException("run " + runDir + " is not finished (no " + policyFile + " yet, only checkpoints);"
                    + " finish it with: netmoe resume --run-dir " + runDir);
        }
        throw new ConfigException("run " + runDir + " holds no trained policy (no " + policyFile + ")");
    }
}
