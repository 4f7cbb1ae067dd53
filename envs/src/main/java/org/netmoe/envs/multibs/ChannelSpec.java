package org.netmoe.envs.multibs;

import java.util.List;
import org.netmoe.core.Require;

/**
 * The channel source of {@code multi-bs} ({@code env.params.channel}).
 *
 * @param source    {@code geometric} (the built-in scene) or {@code deepmimo}
 * @param path      for {@code deepmimo}: the scenario folder, either a DeepMIMO v4 download (it holds
 *                  {@code params.json} and per BS the matrices {@code <name>_t<set>_tx<bs>_r<set>.mat}, read by
 *                  {@link DeepMimoV4}) or a DeepMIMO v1/v2 "O1" folder ({@code <scenario>.params.mat},
 *                  {@code <scenario>.Loc.mat} and per BS b {@code <scenario>.<b>.CIR.mat}, {@code .DoD.mat},
 *                  {@code .DoA.mat}, {@code .LoS.mat}, {@code .PL.mat}, read by {@link DeepMimoChannel}); required
 *                  for {@code deepmimo}
 * @param scenario  v1/v2 only: the file prefix, e.g. {@code O1_3p5}; default: the folder's name
 * @param firstUser first user (1-based: DeepMIMO's numbering in v1/v2, the row of {@code rx_pos} in v4) to load,
 *                  {@code >= 1}; default 1
 * @param lastUser  last user to load, {@code >= firstUser}; default (0 or absent): the last in the files. The full
 *                  O1 grid has ~500 000 users: load a slice
 * @param maxPaths  strongest paths kept per user and BS, in [1, 25]; default 5 (DeepMIMO's default)
 * @param format    {@code auto} (default: v4 if the folder holds {@code params.json}, v2 if it holds
 *                  {@code <scenario>.params.mat}), {@code v2} (also v1: the same layout) or {@code v4}
 * @param rxSet     v4 only: the DeepMIMO id of the receiver set whose points are the users (the {@code id} of a
 *                  {@code txrx_sets} entry of {@code params.json}), {@code >= 0}; default: the only set that
 *                  receives and does not transmit
 */
public record ChannelSpec(String source, String path, String scenario, Integer firstUser, Integer lastUser,
                          Integer maxPaths, String format, Integer rxSet) {
    /** The allowed values of {@code source}. */
    public static final List<String> SOURCES = List.of("geometric", "deepmimo");
    /** The allowed values of {@code format}. */
    public static final List<String> FORMATS = List.of("auto", "v2", "v4");

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
        format = format == null ? "auto" : format;
        Require.oneOf("format", format, FORMATS);
        if (rxSet != null) {
            Require.nonNegative("rxSet", rxSet);
        }
    }

    /** The built-in geometric channel. */
    public static ChannelSpec geometric() {
        return new ChannelSpec("geometric", null, null, null, null, null, null, null);
    }

    /** Users {@code firstUser..lastUser} of the DeepMIMO scenario in {@code path}, layout detected from the files. */
    public static ChannelSpec deepMimo(String path, int firstUser, int lastUser) {
        return new ChannelSpec("deepmimo", path, null, firstUser, lastUser, null, null, null);
    }
}
