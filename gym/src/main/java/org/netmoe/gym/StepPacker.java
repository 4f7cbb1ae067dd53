package org.netmoe.gym;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Packs the transitions of {@code n} envs into the one flat {@code double[]} a bridge call returns, so
 * that a step costs the Python side one JVM call and one array copy:
 * <pre>
 * [rewards (n), terminated (n, 0/1), truncated (n, 0/1), keysChanged (0/1), K,
 *  info values (K * n: key k of env i at k * n + i, NaN where env i lacks key k), observations (n * obsDim)]
 * </pre>
 * The info keys (the union over the envs, sorted) are read with {@link #infoKeys()} only when
 * {@code keysChanged} is 1. Observations are floats, exact as doubles.
 */
final class StepPacker {
    private final int n;
    private final int obsDim;
    private String[] infoKeys = new String[0];

    StepPacker(int n, int obsDim) {
        this.n = n;
        this.obsDim = obsDim;
    }

    double[] pack(double[] rewards, boolean[] terminated, boolean[] truncated, List<Map<String, Double>> infos,
                  float[] observations) {
        TreeSet<String> keys = new TreeSet<>();
        infos.forEach(m -> keys.addAll(m.keySet()));
        String[] k = keys.toArray(String[]::new);
        boolean changed = !Arrays.equals(k, infoKeys);
        infoKeys = changed ? k : infoKeys;
        int head = 3 * n + 2;
        double[] out = new double[head + k.length * n + n * obsDim];
        for (int i = 0; i < n; i++) {
            out[i] = rewards[i];
            out[n + i] = terminated[i] ? 1 : 0;
            out[2 * n + i] = truncated[i] ? 1 : 0;
        }
        out[3 * n] = changed ? 1 : 0;
        out[3 * n + 1] = k.length;
        for (int j = 0; j < k.length; j++) {
            for (int i = 0; i < n; i++) {
                Double v = infos.get(i).get(k[j]);
                out[head + j * n + i] = v == null ? Double.NaN : v;
            }
        }
        int obsAt = head + k.length * n;
        for (int i = 0; i < n * obsDim; i++) {
            out[obsAt + i] = observations[i];
        }
        return out;
    }

    String[] infoKeys() {
        return infoKeys;
    }
}
