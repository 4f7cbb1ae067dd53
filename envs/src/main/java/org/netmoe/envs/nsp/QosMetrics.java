package org.netmoe.envs.nsp;

/**
 * The link metrics of one user at one transmit power (paper Props. 1–2, SPEC §2.3).
 *
 * @param outageProbability   OP = Pr[SNR < γth], in [0, 1]
 * @param dataRate            DR = B·E[log2(1 + SNR)] in bit/s
 * @param bitErrorProbability average BPSK bit error probability, in [0, 1/2]
 */
public record QosMetrics(double outageProbability, double dataRate, double bitErrorProbability) {

    /** TP = (1 − OP)·DR in bit/s: the rate delivered while the link is not in outage. */
    public double throughput() {
        return (1 - outageProbability) * dataRate;
    }
}
