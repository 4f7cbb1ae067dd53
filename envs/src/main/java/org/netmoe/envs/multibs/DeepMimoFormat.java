package org.netmoe.envs.multibs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file layout of a DeepMIMO scenario folder: {@code V2} (DeepMIMO v1/v2, the "O1" files read by
 * {@link DeepMimoChannel}) or {@code V4} (DeepMIMO v4: {@code params.json} plus per-BS matrices, read by
 * {@link DeepMimoV4}). DeepMIMO v3 ({@code params.mat} plus {@code BS<i>_UE_<range>.mat}) is deprecated by its
 * maintainers and not read.
 */
enum DeepMimoFormat {
    V2, V4;

    /**
     * The layout {@code spec.format()} names, or for {@code auto} the one the files in {@code dir} show.
     *
     * @param v2Params the v1/v2 scenario file {@code <scenario>.params.mat} in {@code dir}
     * @throws IllegalArgumentException naming the folder and the files looked for if it is missing, holds both
     *                                  layouts, neither, or the v3 one
     */
    static DeepMimoFormat of(ChannelSpec spec, Path dir, Path v2Params) {
        if (!spec.format().equals("auto")) {
            return spec.format().equals("v4") ? V4 : V2;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("DeepMIMO folder not found: " + dir + " (channel.path)");
        }
        boolean v4 = Files.isRegularFile(dir.resolve(DeepMimoV4.PARAMS));
        boolean v2 = Files.isRegularFile(v2Params);
        if (v4 && v2) {
            throw new IllegalArgumentException("DeepMIMO folder " + dir + " holds both " + DeepMimoV4.PARAMS
                    + " (v4) and " + v2Params.getFileName() + " (v1/v2): set channel.format to v4 or v2");
        }
        if (v4 || v2) {
            return v4 ? V4 : V2;
        }
        String v3 = Files.isRegularFile(dir.resolve("params.mat"))
                ? "; its params.mat is DeepMIMO v3's layout, which NetMoE does not read (v3 is deprecated: download"
                + " the scenario for DeepMIMO v4)" : "";
        throw new IllegalArgumentException("DeepMIMO folder " + dir + " holds neither " + DeepMimoV4.PARAMS
                + " (DeepMIMO v4) nor " + v2Params.getFileName() + " (v1/v2, prefix from channel.scenario or the"
                + " folder's name)" + v3);
    }
}
