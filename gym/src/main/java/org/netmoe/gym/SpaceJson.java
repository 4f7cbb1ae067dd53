package org.netmoe.gym;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.Discrete;
import org.netmoe.envs.space.MultiDiscrete;
import org.netmoe.envs.space.Space;

/**
 * Spaces as the JSON the Python side turns into Gymnasium spaces: {@code {"type": "discrete", "n": 4}},
 * {@code {"type": "multi_discrete", "nvec": [...]}}, {@code {"type": "box", "low": [...], "high": [...],
 * "shape": [...]}} (float32 bounds; infinite ones as the strings {@code "inf"} and {@code "-inf"}).
 */
final class SpaceJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpaceJson() {
    }

    /** {@code {"observation": ..., "action": ...}}. */
    static String of(Box observation, Space action) {
        ObjectNode root = JSON.createObjectNode();
        root.set("observation", node(observation));
        root.set("action", node(action));
        return root.toString();
    }

    private static ObjectNode node(Space space) {
        ObjectNode n = JSON.createObjectNode();
        if (space instanceof Discrete d) {
            n.put("type", "discrete").put("n", d.n());
        } else if (space instanceof MultiDiscrete m) {
            n.put("type", "multi_discrete");
            ArrayNode nvec = n.putArray("nvec");
            for (int v : m.nvec()) {
                nvec.add(v);
            }
        } else {
            Box b = (Box) space;
            n.put("type", "box");
            floats(n.putArray("low"), b.low());
            floats(n.putArray("high"), b.high());
            ArrayNode shape = n.putArray("shape");
            for (int d : b.shape()) {
                shape.add(d);
            }
        }
        return n;
    }

    private static void floats(ArrayNode out, float[] values) {
        for (float v : values) {
            if (Float.isInfinite(v)) {
                out.add(v > 0 ? "inf" : "-inf");
            } else {
                out.add(v);
            }
        }
    }
}
