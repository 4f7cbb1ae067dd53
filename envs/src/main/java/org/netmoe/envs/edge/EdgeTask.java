package org.netmoe.envs.edge;

import org.netmoe.core.Require;

/**
 * One user task as the user device sees it when a subtask must leave it, with every random draw
 * already made (so every method scored on the task meets the same noise).
 *
 * @param topic        the offloaded subtask's topic, in [0, T)
 * @param promptKbit   size of the subtask sent to an edge device, kbit, {@code >= 0}
 * @param outputKbit   content the subtask asks for (its required resources), kbit, {@code > 0}
 * @param snrDb        per device, the link SNR in dB
 * @param capacityKbit per device, the content it can still generate (available resources), kbit, {@code >= 0}
 * @param expertScore  per device, the score its expert's content for the whole subtask would get
 * @param localScores  per subtask of the task, the score of its locally generated content; entries
 *                     {@code 0 … n−2} are the subtasks the user device does itself, entry {@code n−1} the
 *                     offloaded subtask had the user device had the resources (the upper bound)
 */
public record EdgeTask(int topic, double promptKbit, double outputKbit, double[] snrDb, double[] capacityKbit,
                       double[] expertScore, double[] localScores) {
    public EdgeTask {
        Require.nonNegative("topic", topic);
        Require.nonNegative("promptKbit", promptKbit);
        Require.positive("outputKbit", outputKbit);
        Require.nonNull("snrDb", snrDb);
        Require.nonNull("capacityKbit", capacityKbit);
        Require.nonNull("expertScore", expertScore);
        Require.nonNull("localScores", localScores);
        if (capacityKbit.length != snrDb.length || expertScore.length != snrDb.length) {
            throw new IllegalArgumentException("snrDb, capacityKbit and expertScore must have one entry per device, had "
                    + snrDb.length + ", " + capacityKbit.length + ", " + expertScore.length);
        }
        if (localScores.length < 1) {
            throw new IllegalArgumentException("localScores must have one entry per subtask (at least 1)");
        }
        snrDb = snrDb.clone();
        capacityKbit = capacityKbit.clone();
        expertScore = expertScore.clone();
        localScores = localScores.clone();
    }

    /** Edge devices N. */
    public int numDevices() {
        return snrDb.length;
    }

    /** Per device SNR in dB (a copy). */
    @Override
    public double[] snrDb() {
        return snrDb.clone();
    }

    /** Per device available resources in kbit (a copy). */
    @Override
    public double[] capacityKbit() {
        return capacityKbit.clone();
    }

    /** Per device expert score for the whole subtask (a copy). */
    @Override
    public double[] expertScore() {
        return expertScore.clone();
    }

    /** Per subtask local score (a copy). */
    @Override
    public double[] localScores() {
        return localScores.clone();
    }

    double snr(int device) {
        return snrDb[device];
    }

    double capacity(int device) {
        return capacityKbit[device];
    }

    double score(int device) {
        return expertScore[device];
    }

    double local(int subtask) {
        return localScores[subtask];
    }
}
