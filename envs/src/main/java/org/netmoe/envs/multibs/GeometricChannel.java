package org.netmoe.envs.multibs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.netmoe.core.rng.RngStream;

/**
 * The built-in 3-D geometric channel generator of {@code multi-bs}: a deterministic scene of
 * rectangular buildings (blockers taller than every antenna) and point scatterers, drawn once from
 * {@link MultiBsConfig#sceneSeed()}.
 *
 * <p>For a UE at {@code (x, y, ueHeight)} and BS {@code u} the uplink channel
 * {@code H_u [bsPorts, ueAntennas]} is the sum over paths {@code l} of
 * {@code √g_l · exp(−j2π·d_l/λ + jψ_l) · (p_l ⊗ a_BS(φ_l^A, θ_l^A)) · a_UE(φ_l^D, θ_l^D)^H}:
 * <ul>
 *   <li><b>Paths.</b> The LoS path unless a building cuts the UE–BS segment (in plan view), and one
 *       single-bounce NLoS path per scatterer whose two legs are both unblocked; the
 *       {@code pathsPerLink} strongest NLoS paths are kept.</li>
 *   <li><b>Phase</b> {@code −2π·d/λ} over the path length d (omitted when {@code carrierPhase} is false).</li>
 *   <li><b>Path loss</b> {@code 32.4 + 20·log10(fc/GHz) + 10·n·log10(d/m)} dB over the (unfolded) path
 *       length {@code d}, plus the scatterer's reflection loss (uniform 3–12 dB) for NLoS paths;
 *       {@code g_l} is its linear inverse. The phase adds the scatterer's own uniform phase ψ.</li>
 *   <li><b>Angles</b> in 3-D from the geometry: azimuth φ (horizontal) and elevation θ (vertical) of
 *       arrival at the BS and of departure at the UE.</li>
 *   <li><b>BS array</b>: a UPA in the vertical plane facing the area centre (azimuth φ0), half-wavelength
 *       spacing, element {@code (p, q)} (p horizontal, q vertical, index {@code q·Mh + p}) with phase
 *       {@code π·(p·cos θ·sin(φ − φ0) + q·sin θ)}; ports {@code 0..MhMv−1} are the +45° and the rest the
 *       −45° polarization.</li>
 *   <li><b>Polarization</b>: the UE sends vertically; the LoS wave reaches both slants with 1/√2; a
 *       scattered wave has a horizontal part {@code 10^(−XPR/20)·e^{jρ}} (random ρ per scatterer) and
 *       reaches the slants as {@code (v ± h)/√2}.</li>
 *   <li><b>UE array</b>: a ULA along x, half-wavelength spacing, element {@code n} with phase
 *       {@code π·n·cos θ·cos φ}.</li>
 * </ul>
 */
public final class GeometricChannel implements ChannelModel {
    private final MultiBsConfig config;
    private final List<double[]> bs;
    private final double[] bsFacing;
    private final List<double[]> buildings = new ArrayList<>();
    /** Scatterers: {x, y, z, reflectionLossDb, phase, xprPhase}. */
    private final List<double[]> scatterers = new ArrayList<>();

    /** The scene of {@code config}, drawn from its {@code sceneSeed}. */
    public GeometricChannel(MultiBsConfig config) {
        this.config = config;
        this.bs = config.bsPositions();
        this.bsFacing = new double[bs.size()];
        for (int u = 0; u < bs.size(); u++) {
            bsFacing[u] = Math.atan2(config.areaHeight() / 2 - bs.get(u)[1], config.areaWidth() / 2 - bs.get(u)[0]);
        }
        RngStream rng = RngStream.of(config.sceneSeed()).split("scene");
        for (int tries = 0; buildings.size() < config.buildings() && tries < 100 * (config.buildings() + 1); tries++) {
            double w = 15 + 35 * rng.nextDouble();
            double h = 15 + 35 * rng.nextDouble();
            double x = rng.nextDouble() * (config.areaWidth() - w);
            double y = rng.nextDouble() * (config.areaHeight() - h);
            double[] rect = {x, y, x + w, y + h};
            if (bs.stream().noneMatch(p -> inside(rect, p[0], p[1], 5))) {
                buildings.add(rect);
            }
        }
        for (int s = 0; s < config.scatterers(); s++) {
            scatterers.add(new double[] {rng.nextDouble() * config.areaWidth(), rng.nextDouble() * config.areaHeight(),
                    20 * rng.nextDouble(), 3 + 9 * rng.nextDouble(), 2 * Math.PI * rng.nextDouble(),
                    2 * Math.PI * rng.nextDouble()});
        }
    }

    @Override
    public List<FieldMatrix<Complex>> channels(double x, double y) {
        double[] ue = {x, y, config.ueHeight()};
        List<FieldMatrix<Complex>> h = new ArrayList<>(bs.size());
        for (int u = 0; u < bs.size(); u++) {
            h.add(channel(ue, u));
        }
        return h;
    }

    /** Whether the UE position lies inside a building (its every path is then blocked). */
    public boolean indoor(double x, double y) {
        return buildings.stream().anyMatch(r -> inside(r, x, y, 0));
    }

    /** Uniform over the area, redrawn (up to 1000 times) while inside a building. */
    @Override
    public double[] drawUe(RngStream rng) {
        double x;
        double y;
        int draws = 0;
        do {
            x = rng.nextDouble() * config.areaWidth();
            y = rng.nextDouble() * config.areaHeight();
        } while (indoor(x, y) && ++draws < 1000);
        return new double[] {x, y};
    }

    @Override
    public double[] area() {
        return new double[] {0, 0, config.areaWidth(), config.areaHeight()};
    }

    @Override
    public boolean hasUe(double x, double y) {
        return x >= 0 && x <= config.areaWidth() && y >= 0 && y <= config.areaHeight();
    }

    private FieldMatrix<Complex> channel(double[] ue, int u) {
        double[] b = bs.get(u);
        List<ArrayChannel.Path> paths = new ArrayList<>();
        double hRatio = Math.pow(10, -config.xprDb() / 20);
        for (double[] s : scatterers) {
            if (blocked(ue, s) || blocked(s, b)) {
                continue;
            }
            double d = dist(ue, s) + dist(s, b);
            Complex h = ComplexPolar.of(hRatio, s[5]);
            Complex plus = h.add(1).divide(Math.sqrt(2));
            Complex minus = h.negate().add(1).divide(Math.sqrt(2));
            // Arrival at the BS from the scatterer; departure from the UE towards it.
            paths.add(new ArrayChannel.Path(amplitude(d, s[3]), s[4] - propagationPhase(d),
                    azimuth(b, s), elevation(b, s), azimuth(ue, s), elevation(ue, s), plus, minus));
        }
        paths.sort(Comparator.comparingDouble(ArrayChannel.Path::amplitude).reversed());
        if (paths.size() > config.pathsPerLink()) {
            paths = new ArrayList<>(paths.subList(0, config.pathsPerLink()));
        }
        if (!blocked(ue, b)) {
            double d = dist(ue, b);
            Complex half = new Complex(1 / Math.sqrt(2), 0);
            paths.add(new ArrayChannel.Path(amplitude(d, 0), -propagationPhase(d), azimuth(b, ue),
                    elevation(b, ue), azimuth(ue, b), elevation(ue, b), half, half));
        }
        return ArrayChannel.of(paths, config, bsFacing[u]);
    }

    private double propagationPhase(double distance) {
        return config.carrierPhase() ? 2 * Math.PI * distance / config.wavelength() : 0;
    }

    /** Azimuth of {@code to} seen from {@code from}. */
    private static double azimuth(double[] from, double[] to) {
        return Math.atan2(to[1] - from[1], to[0] - from[0]);
    }

    /** Elevation of {@code to} seen from {@code from}. */
    private static double elevation(double[] from, double[] to) {
        return Math.atan2(to[2] - from[2], Math.hypot(to[0] - from[0], to[1] - from[1]));
    }

    private double amplitude(double distance, double extraLossDb) {
        double plDb = 32.4 + 20 * Math.log10(config.carrierGhz())
                + 10 * config.pathLossExponent() * Math.log10(Math.max(distance, 1)) + extraLossDb;
        return Math.pow(10, -plDb / 20);
    }

    private static double dist(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    private static boolean inside(double[] r, double x, double y, double margin) {
        return x >= r[0] - margin && x <= r[2] + margin && y >= r[1] - margin && y <= r[3] + margin;
    }

    /** Whether a building cuts the plan-view segment a→b (Liang–Barsky clipping). */
    private boolean blocked(double[] a, double[] b) {
        for (double[] r : buildings) {
            if (segmentHitsRect(a[0], a[1], b[0], b[1], r)) {
                return true;
            }
        }
        return false;
    }

    static boolean segmentHitsRect(double x0, double y0, double x1, double y1, double[] r) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - r[0], r[2] - x0, y0 - r[1], r[3] - y0};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 <= t1;
    }
}
