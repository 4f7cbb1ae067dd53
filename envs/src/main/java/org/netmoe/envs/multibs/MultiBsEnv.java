package org.netmoe.envs.multibs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.netmoe.envs.EnvSpec;
import org.netmoe.envs.ArrivalEnv;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.space.Action;
import org.netmoe.envs.space.Box;
import org.netmoe.envs.space.MultiDiscrete;

/**
 * {@code multi-bs} (survey Sec. V-A, Fig. 11–12; SPEC §2.6): multi-BS coordinated uplink reception.
 *
 * <ul>
 *   <li><b>UEs and channels</b>: from the {@link ChannelModel} of {@link MultiBsConfig#channel()}: the built-in
 *       scene of {@link GeometricChannel} (UEs uniform over the area, outdoors) or a DeepMIMO scenario
 *       ({@link DeepMimoChannel}: UEs uniform over the loaded grid points that have a path).</li>
 *   <li><b>Observation</b> (2 floats in [0, 1]): the UE location {@code (loc_x, loc_y)} scaled over the UE area.</li>
 *   <li><b>Action</b>: {@code MultiDiscrete([C(U, N), O·Nt])}: the index of the cooperative BS set in
 *       {@link BsSets} order and the precoder index in {@link DftCodebook}.</li>
 *   <li><b>Reward</b>: the post-MMSE sum rate over all streams in bit/s/Hz ({@link LinkBudget}).</li>
 *   <li><b>Episodes</b>: {@code episodeSteps} UEs, a new one after each step; the last step terminates.</li>
 *   <li><b>Info</b> after a step: {@code sum_rate}, {@code expert_rate} (the sum rate of the exhaustive-search
 *       precoder for the chosen set), {@code expert_precoder}, {@code precoder_regret}
 *       (= expert − obtained, {@code >= 0}).</li>
 * </ul>
 */
public final class MultiBsEnv extends ArrivalEnv<MultiDiscrete, MultiBsEnv.Ue> {
    /** The registry entry. */
    public static final EnvSpec<MultiBsConfig> SPEC = new EnvSpec<>("multi-bs",
            "multi-BS coordinated MIMO reception: BS set + DFT precoder per UE, post-MMSE sum-rate reward",
            MultiBsConfig.class, MultiBsConfig.defaults(), MultiBsEnv::new);

    private final MultiBsConfig config;
    private final ChannelModel channel;
    private final double[] area;
    private final DftCodebook codebook;
    private final BsSets sets;
    private final double rho;

    /** An env with parameters {@code config}. */
    public MultiBsEnv(MultiBsConfig config) {
        this(config, DftCodebook.of(config.ueAntennas(), config.streams(), config.oversampling()),
                new BsSets(config.numBs(), config.bsPerUe()));
    }

    private MultiBsEnv(MultiBsConfig config, DftCodebook codebook, BsSets sets) {
        super(config.episodeSteps(), Box.uniform(0f, 1f, 2), new MultiDiscrete(new int[] {sets.size(), codebook.size()}));
        this.config = config;
        this.channel = config.channel().source().equals("deepmimo") ? DeepMimoChannel.load(config)
                : new GeometricChannel(config);
        this.area = channel.area();
        this.codebook = codebook;
        this.sets = sets;
        this.rho = snrScale(config.txPowerDbm(), config.noiseDbm());
    }

    /**
     * The SNR scale {@code ρ = P/σ²} (linear) of {@link LinkBudget}. The codebook's precoders are
     * semi-unitary with {@code W^H W = I/Ns}, so they already give each of the {@code Ns} streams
     * {@code P/Ns}, {@code P} in total; dividing {@code ρ} by {@code Ns} as well (as NetMoE did before)
     * sent {@code P/Ns} in total, a constant −3 dB on every rate with two streams.
     */
    static double snrScale(double txPowerDbm, double noiseDbm) {
        return Math.pow(10, (txPowerDbm - noiseDbm) / 10);
    }

    @Override
    protected Map<String, Double> arrivalInfo(Ue ue) {
        return Map.of();
    }

    @Override
    protected float[] observation(Ue ue) {
        return observation(ue.x, ue.y);
    }

    @Override
    protected double serve(Ue ue, Action action, Map<String, Double> info) {
        int[] a = actionSpace().indices(action);
        double rate = ue.budget.sumRate(a[0], a[1]);
        LinkBudget.Choice expert = ue.budget.bestPrecoder(a[0]);
        info.put("sum_rate", rate);
        info.put("expert_rate", expert.sumRate());
        info.put("expert_precoder", (double) expert.precoder());
        info.put("precoder_regret", Math.max(0, expert.sumRate() - rate));
        return rate;
    }

    @Override
    protected Ue arrive(RngStream rng) {
        double[] at = channel.drawUe(rng);
        return new Ue(at[0], at[1], budgetAt(at[0], at[1]));
    }

    /** The UE location. */
    @Override
    protected void saveArrival(Ue ue, DataOutput out) throws IOException {
        out.writeDouble(ue.x);
        out.writeDouble(ue.y);
    }

    @Override
    protected Ue restoreArrival(DataInput in) throws IOException {
        double x = in.readDouble();
        double y = in.readDouble();
        if (!channel.hasUe(x, y)) {
            throw new IllegalArgumentException("multi-bs state: no UE at (" + x + ", " + y + ") in this channel model");
        }
        return new Ue(x, y, budgetAt(x, y));
    }

    /** The observation of a UE at {@code (x, y)} metres: its location scaled to [0, 1] over the UE area. */
    public float[] observation(double x, double y) {
        return new float[] {scale(x, area[0], area[2]), scale(y, area[1], area[3])};
    }

    private static float scale(double v, double lo, double hi) {
        return hi > lo ? (float) Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0f;
    }

    /** The sum rates of a UE at {@code (x, y)} metres for every set and precoder. */
    public LinkBudget budgetAt(double x, double y) {
        return new LinkBudget(channel.channels(x, y), codebook, sets, rho);
    }

    /**
     * The current UE's sum rates.
     *
     * @throws IllegalStateException before the first reset
     */
    public LinkBudget budget() {
        return require("UE").budget;
    }

    /** The current UE location {x, y} in metres (a copy). */
    public double[] uePosition() {
        Ue ue = require("UE");
        return new double[] {ue.x, ue.y};
    }

    /** The cooperative BS sets the action indexes. */
    public BsSets sets() {
        return sets;
    }

    /** The UE's precoding codebook. */
    public DftCodebook codebook() {
        return codebook;
    }

    /** The channel model (the geometric scene or a DeepMIMO scenario). */
    public ChannelModel channel() {
        return channel;
    }

    /** The env's parameters. */
    public MultiBsConfig config() {
        return config;
    }

    /** One UE: its location in metres and the sum rates there. */
    record Ue(double x, double y, LinkBudget budget) {
    }
}
