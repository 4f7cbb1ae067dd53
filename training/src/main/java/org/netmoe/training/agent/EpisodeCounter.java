package org.netmoe.training.agent;

import java.util.Map;
import org.netmoe.agents.loop.TrainingListener;

/** Passes callbacks on and counts finished episodes. */
final class EpisodeCounter implements TrainingListener {
    private final TrainingListener next;
    private long episodes;

    EpisodeCounter(TrainingListener next) {
        this.next = next;
    }

    long episodes() {
        return episodes;
    }

    @Override
    public void onEpisode(long envStep, double episodeReturn, int episodeLength, Map<String, Double> info) {
        episodes++;
        next.onEpisode(envStep, episodeReturn, episodeLength, info);
    }

    @Override
    public void onUpdate(long envStep, Map<String, Double> metrics) {
        next.onUpdate(envStep, metrics);
    }

    @Override
    public boolean onStep(long envStep) {
        return next.onStep(envStep);
    }
}
