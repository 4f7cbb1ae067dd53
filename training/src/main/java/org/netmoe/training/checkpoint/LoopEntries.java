package org.netmoe.training.checkpoint;

import org.netmoe.checkpoints.Checkpoint;

/**
 * A training loop's snapshot record {@code S} as named checkpoint entries, one implementation per
 * loop kind: {@link PpoEntries#ENTRIES}, {@link OffPolicyEntries#DQN}, {@link OffPolicyEntries#SAC}.
 *
 * @param <S> the loop's snapshot record
 */
public interface LoopEntries<S> {
    /** Adds the entries of {@code snapshot} to {@code b}. */
    void write(Checkpoint.Builder b, S snapshot);

    /**
     * The snapshot stored in {@code c}, with the architecture of {@code template} (the fresh loop's
     * own snapshot).
     *
     * @throws IllegalArgumentException naming the entry that is missing, malformed or does not fit
     */
    S read(Checkpoint c, S template);
}
