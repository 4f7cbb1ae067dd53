package org.netmoe.gym.pyenv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.EpisodicEnv;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.MultiDiscrete;
import org.netmoe.envs.space.Space;

/**
 * A Gymnasium env run by a Python worker ({@link org.netmoe.gym.pyenv package doc}). Observations are
 * the env's Box observations flattened to float32; actions are sent as the env's action space takes them.
 */
public final class PythonEnv extends EpisodicEnv {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String id;
    private final WorkerProcess worker;
    private final Box observationSpace;
    private final Space actionSpace;

    /**
     * Starts the worker and makes the env {@code target} in it.
     *
     * @throws IllegalArgumentException if the interpreter cannot start or the env cannot be made (its
     *                                  Python error's line)
     */
    public PythonEnv(String id, String target, GymEnvConfig config) {
        super(Integer.MAX_VALUE); // the Python env's own TimeLimit truncates
        this.id = id;
        this.worker = WorkerProcess.start(id, config.python(), config.pythonPath());
        JsonNode spaces;
        try {
            DataOutputStream out = worker.out();
            out.write('M');
            WorkerProcess.writeString(out, JSON.writeValueAsString(Map.of("id", target, "kwargs", config.kwargs())));
            spaces = JSON.readTree(WorkerProcess.readString(worker.reply("make")));
        } catch (PythonEnvException e) {
            worker.close();
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            worker.close();
            throw new UncheckedIOException(id + ": making the env", e);
        }
        this.observationSpace = (Box) space(spaces.get("observation"));
        this.actionSpace = space(spaces.get("action"));
    }

    private static Space space(JsonNode s) {
        switch (s.get("type").asText()) {
            case "discrete":
                return new Discrete(s.get("n").asInt());
            case "multi_discrete":
                return new MultiDiscrete(ints(s.get("nvec")));
            default:
                float[] low = floats(s.get("low"));
                return new Box(low, floats(s.get("high")), ints(s.get("shape")));
        }
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            out[i] = v.isTextual() ? (v.asText().startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY)
                    : (float) v.asDouble();
        }
        return out;
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    /** Python envs are treated as stochastic: NetMoE cannot see whether their dynamics use the seed. */
    @Override
    public boolean stochastic() {
        return true;
    }

    @Override
    protected Reset onReset(RngStream rng, Map<String, ?> options) {
        // Gymnasium seeds are >= 0: the top bit of NetMoE's draw is dropped.
        long seed = rng.nextLong() & Long.MAX_VALUE;
        try {
            worker.out().write('R');
            worker.out().writeLong(seed);
            DataInputStream in = worker.reply("reset");
            return new Reset(readFloats(in), readInfo(in));
        } catch (IOException e) {
            throw new UncheckedIOException(id + ": reset", e);
        }
    }

    @Override
    protected Step onStep(Action action, RngStream rng) {
        onStepBegin(action, rng);
        return onStepFinish(rng);
    }

    /** Sends the step request without waiting, so a {@code VectorEnv}'s workers step concurrently. */
    @Override
    protected void onStepBegin(Action action, RngStream rng) {
        if (!actionSpace.contains(action)) {
            throw new IllegalArgumentException(id + ": action " + action + " is not in " + actionSpace);
        }
        try {
            DataOutputStream out = worker.out();
            out.write('S');
            if (action instanceof Action.Index index) {
                out.writeByte(0);
                out.writeInt(index.index());
            } else {
                float[] v = ((Action.Vector) action).values();
                out.writeByte(1);
                out.writeInt(v.length);
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
            worker.send("step");
        } catch (IOException e) {
            throw new UncheckedIOException(id + ": step", e);
        }
    }

    /** Reads the reply to the request {@link #onStepBegin} sent. */
    @Override
    protected Step onStepFinish(RngStream rng) {
        try {
            DataInputStream in = worker.reply("step");
            float[] obs = readFloats(in);
            double reward = in.readDouble();
            boolean terminated = in.readBoolean();
            boolean truncated = in.readBoolean();
            return new Step(obs, reward, terminated, truncated, readInfo(in));
        } catch (IOException e) {
            throw new UncheckedIOException(id + ": step", e);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static Map<String, Double> readInfo(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, Double> info = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            info.put(WorkerProcess.readString(in), in.readDouble());
        }
        return info;
    }

    /** The Python env pickled whole (the worker's {@code G}); fails with Python's line if it cannot be. */
    @Override
    protected void saveDynamics(DataOutput out) throws IOException {
        worker.out().write('G');
        DataInputStream in = worker.reply("saving its state (pickle)");
        byte[] state = in.readNBytes(in.readInt());
        out.writeInt(state.length);
        out.write(state);
    }

    @Override
    protected void restoreDynamics(DataInput in) throws IOException {
        byte[] state = new byte[in.readInt()];
        in.readFully(state);
        worker.out().write('P');
        worker.out().writeInt(state.length);
        worker.out().write(state);
        worker.reply("restoring its state (unpickle)");
    }

    /** The worker's process id. */
    public long workerPid() {
        return worker.pid();
    }

    @Override
    public void close() {
        super.close();
        worker.close();
    }
}
