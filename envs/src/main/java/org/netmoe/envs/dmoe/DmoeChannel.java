package org.netmoe.envs.dmoe;

import org.netmoe.core.rng.RngStream;

/**
 * The paper's inter-expert channel (Sec. II-A, VII-A): Rayleigh block fading with mean power gain
 * {@code pathLoss}, i.e. {@code H ~ pathLoss · Exp(1)}, independent per link and subcarrier, and the
 * Shannon rate of Eq. 1, {@code r = B0 · log2(1 + (P0/N0) · H)} bit/s.
 */
public final class DmoeChannel {
    private DmoeChannel() {
    }

    /** One subcarrier's rate in bit/s. */
    public static double rate(DmoeConfig config, RngStream rng) {
        double gain = config.pathLoss() * -Math.log(1 - rng.nextDouble()); // Exp(1) power gain
        double snr = Math.pow(10, config.snrDb() / 10) * gain;
        return config.bandwidthHz() * Math.log1p(snr) / Math.log(2);
    }

    /** {@code [K][K][M]} rates {@code r_ij^(m)} of every link and subcarrier (diagonal left 0). */
    public static double[][][] rates(DmoeConfig config, RngStream rng) {
        int k = config.experts();
        double[][][] r = new double[k][k][config.subcarriers()];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    for (int m = 0; m < config.subcarriers(); m++) {
                        r[i][j][m] = rate(config, rng);
                    }
                }
            }
        }
        return r;
    }
}
