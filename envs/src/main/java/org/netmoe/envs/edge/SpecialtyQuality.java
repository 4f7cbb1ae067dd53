package org.netmoe.envs.edge;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.netmoe.core.Require;

/**
 * The built-in scorer: {@code matchQuality} when the expert's topic is the subtask's,
 * {@code mismatchQuality} otherwise (an expert can write beyond its specialty, less well), plus
 * Gaussian noise of standard deviation {@code noise}, floored at 0.
 *
 * @param matchQuality    mean score of a specialist, finite
 * @param mismatchQuality mean score of another expert, finite
 * @param noise           standard deviation of the noise, {@code >= 0}
 */
public record SpecialtyQuality(double matchQuality, double mismatchQuality, double noise) implements QualityModel {
    public SpecialtyQuality {
        Require.finite("matchQuality", matchQuality);
        Require.finite("mismatchQuality", mismatchQuality);
        Require.nonNegative("noise", noise);
    }

    /** The scorer with the config's {@code matchQuality}, {@code mismatchQuality} and {@code qualityNoise}. */
    public static SpecialtyQuality of(EdgeConfig config) {
        return new SpecialtyQuality(config.matchQuality(), config.mismatchQuality(), config.qualityNoise());
    }

    @Override
    public double score(int subtaskTopic, int expertTopic, UniformRandomProvider rng) {
        double mean = subtaskTopic == expertTopic ? matchQuality : mismatchQuality;
        return Math.max(0, mean + noise * ZigguratSampler.NormalizedGaussian.of(rng).sample());
    }
}
