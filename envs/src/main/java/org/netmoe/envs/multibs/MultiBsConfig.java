package org.netmoe.envs.multibs;

import java.util.List;
import org.netmoe.core.Require;

/**
 * Parameters of the {@code multi-bs} env (bound from {@code env.params}).
 *
 * <p>Geometry: the UE is drawn uniformly in the rectangle {@code [0, areaWidth] × [0, areaHeight]}
 * (metres) at height {@code ueHeight}; the {@code numBs} BSs stand on a regular grid of
 * {@code bsColumns} columns inset by 10 % of the area (row-major from the lower left), at height
 * {@code bsHeight}, each array facing the area centre. The scene (buildings, scatterers) is drawn
 * from {@code sceneSeed}, independent of the episode seed, so the channel is a fixed function of
 * the UE location (as in a ray-traced data set).
 *
 * @param numBs              candidate BSs U, in [1, 64] (the paper's DeepMIMO O1 has 18)
 * @param bsPerUe            cooperative BSs N per UE, in [1, min(numBs, 4)]; the action picks one of C(U, N) sets
 * @param bsColumns          columns of the BS grid, in [1, numBs]
 * @param areaWidth          area size along x in metres, in (0, 10000]
 * @param areaHeight         area size along y in metres, in (0, 10000]
 * @param bsHeight           BS antenna height in metres, in [1, 200]
 * @param ueHeight           UE antenna height in metres, in [0.5, 50]
 * @param bsHorizontal       horizontal elements of each BS UPA, in [1, 16]
 * @param bsVertical         vertical elements of each BS UPA, in [1, 16]; every element is a ±45°
 *                           cross-polarized pair, so a BS has {@code 2·bsHorizontal·bsVertical} ports
 * @param ueAntennas         elements of the UE ULA (along x, half-wavelength spacing), in [1, 16]
 * @param streams            data streams Ns, in [1, ueAntennas]
 * @param oversampling       DFT codebook oversampling factor O, in [1, 16]: {@code O·ueAntennas} precoders
 * @param carrierGhz         carrier frequency in GHz, in [0.5, 100]
 * @param txPowerDbm         UE transmit power in dBm (split evenly over the streams), in [-30, 40]
 * @param noiseDbm           noise power per receive port in dBm, in [-150, -50]
 * @param pathLossExponent   distance exponent n of the path loss {@code 32.4 + 20·log10(fc) + 10·n·log10(d)} dB,
 *                           in [1.5, 5]
 * @param buildings          rectangular blockers in the scene, in [0, 100]; a path leg crossing one is blocked
 * @param scatterers         point scatterers in the scene, in [0, 200]; each gives a single-bounce NLoS path
 * @param pathsPerLink       strongest NLoS paths kept per BS link, in [0, 50]
 * @param xprDb              cross-polarization ratio of scattered paths in dB, in [0, 40]
 * @param carrierPhase       whether each path's phase includes the propagation term {@code −2π·d/λ} (true: small-scale
 *                           fading, the best precoder changes within a wavelength of UE movement, as in ray tracing;
 *                           false: phases fixed per scatterer, a channel that varies smoothly with the location)
 * @param sceneSeed          seed of the scene (buildings, scatterers)
 * @param episodeSteps       UEs served per episode (a new UE after each step); 1 = contextual bandit; in [1, 100000]
 * @param channel            where UEs and channels come from: the built-in geometric scene (default) or a DeepMIMO
 *                           scenario ({@link ChannelSpec}); with DeepMIMO the geometry fields above (area, BS grid,
 *                           heights, buildings, scatterers, path loss, XPR, carrier) are not used
 */
public record MultiBsConfig(int numBs, int bsPerUe, int bsColumns, double areaWidth, double areaHeight,
                            double bsHeight, double ueHeight, int bsHorizontal, int bsVertical, int ueAntennas,
                            int streams, int oversampling, double carrierGhz, double txPowerDbm, double noiseDbm,
                            double pathLossExponent, int buildings, int scatterers, int pathsPerLink, double xprDb,
                            boolean carrierPhase, long sceneSeed, int episodeSteps, ChannelSpec channel) {

    public MultiBsConfig {
        Require.inRange("numBs", numBs, 1, 64);
        Require.inRange("bsPerUe", bsPerUe, 1, Math.min(numBs, 4));
        Require.inRange("bsColumns", bsColumns, 1, numBs);
        Require.positiveAtMost("areaWidth", areaWidth, 10_000);
        Require.positiveAtMost("areaHeight", areaHeight, 10_000);
        Require.inRange("bsHeight", bsHeight, 1, 200);
        Require.inRange("ueHeight", ueHeight, 0.5, 50);
        Require.inRange("bsHorizontal", bsHorizontal, 1, 16);
        Require.inRange("bsVertical", bsVertical, 1, 16);
        Require.inRange("ueAntennas", ueAntennas, 1, 16);
        Require.inRange("streams", streams, 1, ueAntennas);
        Require.inRange("oversampling", oversampling, 1, 16);
        Require.inRange("carrierGhz", carrierGhz, 0.5, 100);
        Require.inRange("txPowerDbm", txPowerDbm, -30, 40);
        Require.inRange("noiseDbm", noiseDbm, -150, -50);
        Require.inRange("pathLossExponent", pathLossExponent, 1.5, 5);
        Require.inRange("buildings", buildings, 0, 100);
        Require.inRange("scatterers", scatterers, 0, 200);
        Require.inRange("pathsPerLink", pathsPerLink, 0, 50);
        Require.inRange("xprDb", xprDb, 0, 40);
        Require.inRange("episodeSteps", episodeSteps, 1, 100_000);
        channel = channel == null ? ChannelSpec.geometric() : channel;
    }

    /**
     * 18 BSs (as DeepMIMO O1) on a 6×3 grid over 600 m × 300 m, BSs at 10 m with 2×2 cross-polarized
     * UPAs (8 ports), UEs at 1.5 m with a 4-element ULA sending 2 streams, DFT codebook with
     * oversampling 4 (16 precoders), 3.5 GHz, 23 dBm, noise −94 dBm (20 MHz, 7 dB noise figure),
     * exponent 2.2, 10 buildings, 40 scatterers, 6 NLoS paths per link, XPR 8 dB, carrier phase on, 2 BSs per UE, the
     * built-in geometric channel.
     */
    public static MultiBsConfig defaults() {
        return new MultiBsConfig(18, 2, 6, 600, 300, 10, 1.5, 2, 2, 4, 2, 4, 3.5, 23, -94, 2.2, 10, 40, 6, 8, true, 7,
                1, ChannelSpec.geometric());
    }

    /** Receive ports per BS: {@code 2·bsHorizontal·bsVertical}. */
    public int bsPorts() {
        return 2 * bsHorizontal * bsVertical;
    }

    /** Precoders in the DFT codebook: {@code oversampling·ueAntennas}. */
    public int codebookSize() {
        return oversampling * ueAntennas;
    }

    /** Wavelength in metres. */
    public double wavelength() {
        return 0.299792458 / carrierGhz;
    }

    /** The BS positions {x, y, z} in metres, row-major over the grid (see the class javadoc). */
    public List<double[]> bsPositions() {
        int rows = (numBs + bsColumns - 1) / bsColumns;
        double x0 = 0.1 * areaWidth;
        double y0 = 0.1 * areaHeight;
        double dx = bsColumns == 1 ? 0 : 0.8 * areaWidth / (bsColumns - 1);
        double dy = rows == 1 ? 0 : 0.8 * areaHeight / (rows - 1);
        double[][] p = new double[numBs][];
        for (int b = 0; b < numBs; b++) {
            int r = b / bsColumns;
            int c = b % bsColumns;
            p[b] = new double[] {x0 + c * dx, rows == 1 ? areaHeight / 2 : y0 + r * dy, bsHeight};
        }
        return List.of(p);
    }
}
