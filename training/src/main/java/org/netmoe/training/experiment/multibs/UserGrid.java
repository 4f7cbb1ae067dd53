package org.netmoe.training.experiment.multibs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import org.netmoe.envs.multibs.GeometricChannel;
import org.netmoe.envs.multibs.LinkBudget;
import org.netmoe.envs.multibs.MultiBsConfig;
import org.netmoe.envs.multibs.MultiBsEnv;
import org.netmoe.training.config.ConfigException;

/**
 * The fixed UE population of {@code multibs-fig12} ({@link MultibsFig12Config.UsersSpec}): every outdoor grid
 * point with its observation, its BS set and the sum rate of every precoder on that set. The BS set is the
 * exhaustive-search one (the set of the best (set, precoder) pair), the same for every architecture and seed, so
 * runs differ only by the precoder generator; the best precoder on it is the expert label.
 *
 * <p>Also the non-learned references on the test users: the optimum, a uniformly random precoder on the same sets,
 * a uniformly random (set, precoder) pair, the precoder of the nearest training user with the same set, and the
 * training users' most frequent precoder for the set.
 */
final class UserGrid {
    /** One grid point: observation (location scaled to [0, 1] over the grid), set, expert and per-precoder rates. */
    record User(int column, int row, float[] observation, int set, int expert, double[] rates, double meanOverPairs) {
        /** Sum rate of precoder {@code w} on the user's set. */
        double rate(int w) {
            return rates[w];
        }
    }

    /** A non-learned precoder rule's mean sum rate and match rate with the best precoder on the test users. */
    record Reference(String name, double sumRate, double match) {
    }

    /**
     * Checks, before any work, that {@code users} can be placed on {@code config}'s scene: the env's channel is the
     * built-in geometric one and the grid lies within its area.
     *
     * @throws ConfigException naming {@code env.channel.source} or {@code users}
     */
    static void requireGridOnScene(MultiBsConfig config, MultibsFig12Config.UsersSpec users) {
        if (!config.channel().source().equals("geometric")) {
            throw new ConfigException("env.channel.source: multibs-fig12 places its users on a grid over the built-in"
                    + " geometric scene; was " + config.channel().source());
        }
        if (users.x0() + users.width() > config.areaWidth() || users.y0() + users.height() > config.areaHeight()) {
            throw new ConfigException(String.format("users: the grid [%s, %s] x [%s, %s] m must lie within the env's"
                            + " area [0, %s] x [0, %s] m", users.x0(), users.x0() + users.width(), users.y0(),
                    users.y0() + users.height(), config.areaWidth(), config.areaHeight()));
        }
    }

    final List<User> train = new ArrayList<>();
    final List<User> test = new ArrayList<>();
    final int precoders;
    final int numBs;

    UserGrid(MultiBsConfig config, MultibsFig12Config.UsersSpec users) {
        requireGridOnScene(config, users);
        try (MultiBsEnv env = new MultiBsEnv(config)) {
            GeometricChannel scene = (GeometricChannel) env.channel();
            precoders = env.codebook().size();
            numBs = config.numBs();
            int pairs = env.sets().size() * precoders;
            for (int i = 0; i < users.columns(); i++) {
                for (int j = 0; j < users.rows(); j++) {
                    double x = users.x0() + (i + 0.5) * users.spacing();
                    double y = users.y0() + (j + 0.5) * users.spacing();
                    if (scene.indoor(x, y)) {
                        continue;
                    }
                    LinkBudget b = env.budgetAt(x, y);
                    // Exhaustive search over every (set, precoder), as LinkBudget.bestOverall, keeping the mean too.
                    double sum = 0;
                    double best = Double.NEGATIVE_INFINITY;
                    int bestSet = 0;
                    for (int s = 0; s < env.sets().size(); s++) {
                        for (int w = 0; w < precoders; w++) {
                            double r = b.sumRate(s, w);
                            sum += r;
                            if (r > best) {
                                best = r;
                                bestSet = s;
                            }
                        }
                    }
                    double[] rates = new double[precoders];
                    int expert = 0;
                    for (int w = 0; w < precoders; w++) {
                        rates[w] = b.sumRate(bestSet, w);
                        expert = rates[w] > rates[expert] ? w : expert;
                    }
                    float[] obs = {(float) ((x - users.x0()) / users.width()), (float) ((y - users.y0()) / users.height())};
                    ((i + j) % 2 == 1 ? test : train).add(new User(i, j, obs, bestSet, expert, rates, sum / pairs));
                }
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new ConfigException("users: the grid has " + train.size() + " training and " + test.size()
                    + " test users outdoors; choose a larger grid or one outside the buildings");
        }
    }

    /** The references on the test users, optimum first. */
    List<Reference> references() {
        double randomPrecoder = test.stream().mapToDouble(u -> Arrays.stream(u.rates()).average().orElseThrow())
                .average().orElseThrow();
        double randomPair = test.stream().mapToDouble(User::meanOverPairs).average().orElseThrow();
        return List.of(rule("best-precoder", User::expert),
                new Reference("random-precoder", randomPrecoder, 1.0 / precoders),
                new Reference("random-set-and-precoder", randomPair, Double.NaN),
                rule("nearest-training-user", u -> nearestWithSet(u).expert()),
                rule("set-majority", u -> majority(u.set())));
    }

    /** The mean sum rate and match rate on the test users of the precoder {@code choice} picks for each. */
    private Reference rule(String name, ToIntFunction<User> choice) {
        double rate = 0;
        int hits = 0;
        for (User u : test) {
            int w = choice.applyAsInt(u);
            rate += u.rate(w);
            hits += w == u.expert() ? 1 : 0;
        }
        return new Reference(name, rate / test.size(), hits / (double) test.size());
    }

    /** The nearest training user (in grid steps) with {@code u}'s set, or the nearest at all if none has it. */
    private User nearestWithSet(User u) {
        User best = null;
        long bestKey = Long.MAX_VALUE;
        for (User t : train) {
            long d2 = (long) (t.column() - u.column()) * (t.column() - u.column())
                    + (long) (t.row() - u.row()) * (t.row() - u.row());
            long key = (t.set() == u.set() ? 0 : 1L << 40) + d2;
            if (key < bestKey) {
                bestKey = key;
                best = t;
            }
        }
        return best;
    }

    /** The training users' most frequent best precoder on {@code set} (over all training users if none has it). */
    private int majority(int set) {
        int[] count = new int[precoders];
        int[] all = new int[precoders];
        for (User t : train) {
            all[t.expert()]++;
            count[t.expert()] += t.set() == set ? 1 : 0;
        }
        int[] c = Arrays.stream(count).sum() > 0 ? count : all;
        int best = 0;
        for (int w = 1; w < precoders; w++) {
            best = c[w] > c[best] ? w : best;
        }
        return best;
    }
}
