package org.netmoe.envs.multibs;

import java.util.List;
import org.netmoe.core.Require;

/**
 * The channel source of {@code multi-bs} ({@code env.params.channel}).
 *
 * @param source    {@code geometric} (the built-in scene) or {@code deepmimo}
 * @param path      for {@code deepmimo}: the scenario folder holding the DeepMIMO (v1/v2 "O1") files
 *                  {@code <scenario>.params.mat}, {@code <scenario>.Loc.mat} and per BS b
 *                  {@code <scenario>.<b>.CIR.mat}, {@code .DoD.mat}, {@code .DoA.mat}, {@code .LoS.mat},
 *                  {@code .PL.mat}; required for {@code deepmimo}
 * @param scenario  the file prefix, e.g. {@code O1_3p5}; default: the folder's name
 * @param firstUser first user (1-based, DeepMIMO numbering) to load, {@code >= 1}; default 1
 * @param lastUser  last user to load, {@code >= firstUser}; default (0 or absent): the last in the files. The full
 *                  O1 grid has ~500 000 users: load a slice
 * @param maxPaths  strongest paths kept per user and BS, in [1, 25]; default 5 (DeepMIMO's default)
 */
public record ChannelSpec(String source, String path, String scenario, Integer firstUser, Integer lastUser,
                          Integer maxPaths) {
    /** The allowed values of {@code source}. */
    public static final List<String> SOURCES = List.of("geometric", "deepmimo");

    public ChannelSpec {
        source = source == null ? "geometric" : source;
        Require.oneOf("source", source, SOURCES);
        if (source.equals("deepmimo") && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("path is required for source deepmimo");
        }
        firstUser = firstUser == null ? 1 : firstUser;
        Require.positive("firstUser", firstUser);
        lastUser = lastUser == null ? 0 : lastUser;
        if (lastUser != 0 && lastUser < firstUser) {
            throw new IllegalArgumentException("lastUser must be >= firstUser (" + firstUser
                    + ") or 0 (all), was " + lastUser);
        }
        maxPaths = maxPaths == null ? 5 : maxPaths;
        Require.inRange("maxPaths", maxPaths, 1, 25);
    }

    /** The built-in geometric channel. */
    public static ChannelSpec geometric() {
        return new ChannelSpec("geometric", null, null, null, null, null);
    }

    /** Users {@code firstUser..lastUser} of the DeepMIMO scenario in {@code path} (prefix = folder name). */
    public static ChannelSpec deepMimo(String path, int firstUser, int lastUser) {
        return new ChannelSpec("deepmimo", path, null, firstUser, lastUser, null);
    }
}
