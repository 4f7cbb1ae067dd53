package org.netmoe.training.experiment.nsp;

import org.netmoe.envs.nsp.NspPowerEnv;
import org.netmoe.envs.nsp.QosType;
import org.netmoe.moe.mix.Expert;
import org.netmoe.moe.mix.ExpertInfo;

/**
 * Shows a QoS expert the current user under the expert's own QoS type: the observation's one-hot
 * QoS block is rewritten to the type the expert was trained for, so an OP expert evaluates every
 * power for this user's channel as if the user wanted reliability (paper Fig. 6, Step 3: each
 * expert's evaluation of every power level).
 */
final class ExpertView implements Expert {
    private static final int QOS_OFFSET = 4;
    private final Expert expert;
    private final QosType qos;

    ExpertView(Expert expert, QosType qos) {
        this.expert = expert;
        this.qos = qos;
    }

    @Override
    public ExpertInfo info() {
        return expert.info();
    }

    @Override
    public ScoreKind kind() {
        return expert.kind();
    }

    @Override
    public int numActions() {
        return expert.numActions();
    }

    @Override
    public double[] scores(float[] observation) {
        if (observation.length != NspPowerEnv.OBS_DIM) {
            throw new IllegalArgumentException("nsp observation must have " + NspPowerEnv.OBS_DIM + " entries, was "
                    + observation.length);
        }
        float[] view = observation.clone();
        for (int i = QOS_OFFSET; i < view.length; i++) {
            view[i] = 0f;
        }
        view[QOS_OFFSET + qos.ordinal()] = 1f;
        return expert.scores(view);
    }
}
