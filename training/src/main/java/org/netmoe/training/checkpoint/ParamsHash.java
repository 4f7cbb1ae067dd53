package org.netmoe.training.checkpoint;

import java.util.List;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.checkpoints.Checkpoints;

/**
 * {@code params_sha256} of a checkpoint: SHA-256 over the bytes of every entry whose name ends in
 * {@code .params}, concatenated in lexicographic (UTF-16 code unit) order of the entry names. Each
 * such entry is one network's flat parameter vector as big-endian IEEE-754 float32 (targets and
 * SAC's log α included), so two runs with equal hashes have bit-identical parameters.
 */
public final class ParamsHash {
    /** The suffix that marks a parameter entry. */
    public static final String SUFFIX = ".params";

    private ParamsHash() {
    }

    /** The entry names hashed, in hashing order. */
    public static List<String> entries(Checkpoint c) {
        return c.entryNames().stream().filter(n -> n.endsWith(SUFFIX)).sorted().toList();
    }

    /**
     * The lower-case hex hash.
     *
     * @throws IllegalArgumentException if the checkpoint holds no parameter entry
     */
    public static String of(Checkpoint c) {
        List<String> names = entries(c);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("checkpoint at step " + c.step() + " holds no *" + SUFFIX + " entry");
        }
        return Checkpoints.sha256Hex(names.stream().map(c::entry).toArray(byte[][]::new));
    }
}
