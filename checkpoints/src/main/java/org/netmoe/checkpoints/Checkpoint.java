package org.netmoe.checkpoints;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable checkpoint: the global env step, named counters (episodes, updates, …), an optional
 * score (higher is better; the store keeps the best-scoring checkpoint), the resolved run config
 * text, free-form metadata, and named binary entries that the agents produce from their snapshot
 * records (parameters, updater state, replay buffer, RNG states, …).
 *
 * <p>Built with {@link #builder(long)} and written by {@link CheckpointStore#save(Checkpoint)};
 * read back, fully verified, by {@link CheckpointStore#load(Path)} and
 * {@link CheckpointStore#latestValid()}. Entry bytes are copied on the way in and out, so a
 * checkpoint never changes after it is built.
 */
public final class Checkpoint {

    /** The format this build writes; it reads formats {@code 1..CURRENT_FORMAT}. */
    public static final int CURRENT_FORMAT = 1;

    private final int formatVersion;
    private final long step;
    private final Instant createdAt;
    private final OptionalDouble score;
    private final SortedMap<String, Long> counters;
    private final SortedMap<String, String> metadata;
    private final String config;
    private final SortedMap<String, byte[]> entries;
    private final Path directory;

    Checkpoint(int formatVersion, long step, Instant createdAt, OptionalDouble score,
               Map<String, Long> counters, Map<String, String> metadata, String config,
               Map<String, byte[]> entries, Path directory) {
        this.formatVersion = formatVersion;
        this.step = step;
        this.createdAt = createdAt;
        this.score = score;
        this.counters = Collections.unmodifiableSortedMap(new TreeMap<>(counters));
        this.metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        this.config = config;
        this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        this.directory = directory;
    }

    /** A builder for the checkpoint taken at global env step {@code step} ({@code >= 0}). */
    public static Builder builder(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must be >= 0, was " + step);
        }
        return new Builder(step);
    }

    /** The format the checkpoint was written in; {@link #CURRENT_FORMAT} for a built one. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The global env step at which the checkpoint was taken. */
    public long step() {
        return step;
    }

    /** When the checkpoint was built (UTC). */
    public Instant createdAt() {
        return createdAt;
    }

    /** The score used to pick the best checkpoint (higher is better), if one was given. */
    public OptionalDouble score() {
        return score;
    }

    /** All counters, sorted by name. */
    public SortedMap<String, Long> counters() {
        return counters;
    }

    /**
     * The counter {@code name}.
     *
     * @throws IllegalArgumentException naming the counter and the checkpoint when it is absent
     */
    public long counter(String name) {
        Long value = counters.get(name);
        if (value == null) {
            throw new IllegalArgumentException(describe() + " has no counter '" + name
                    + "'; it has " + counters.keySet());
        }
        return value;
    }

    /** Free-form string metadata (agent kind, NetMoE version, …), sorted by key. */
    public SortedMap<String, String> metadata() {
        return metadata;
    }

    /** The resolved run config text (YAML), empty if none was given. */
    public String config() {
        return config;
    }

    /** The entry names, sorted. */
    public SortedSet<String> entryNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(entries.keySet()));
    }

    /** Whether an entry {@code name} exists. */
    public boolean hasEntry(String name) {
        return entries.containsKey(name);
    }

    /**
     * A copy of the bytes of entry {@code name}.
     *
     * @throws IllegalArgumentException naming the entry and the checkpoint directory when the
     *                                  checkpoint has no such entry
     */
    public byte[] entry(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException(describe() + " has no entry '" + name
                    + "'; it has " + entries.keySet());
        }
        return bytes.clone();
    }

    /** The directory it was loaded from; empty for a checkpoint built in memory. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The same checkpoint, as loaded from {@code dir}. */
    Checkpoint at(Path dir) {
        return new Checkpoint(formatVersion, step, createdAt, score, counters, metadata, config,
                entries, dir);
    }

    /** Entry bytes without a copy, for the writer. */
    SortedMap<String, byte[]> entriesView() {
        return entries;
    }

    private String describe() {
        return directory != null ? "checkpoint " + directory
                : "checkpoint at step " + step + " (not saved)";
    }

    @Override
    public String toString() {
        return describe() + " " + counters + " entries=" + entries.keySet();
    }

    /** Collects the parts of a checkpoint; every setter validates its argument. */
    public static final class Builder {

        private final long step;
        private OptionalDouble score = OptionalDouble.empty();
        private final Map<String, Long> counters = new LinkedHashMap<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private String config = "";
        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        private Builder(long step) {
            this.step = step;
        }

        /** Sets counter {@code name} (episodes, updates, …); a repeated name replaces the value. */
        public Builder counter(String name, long value) {
            requireKey("counter", name);
            counters.put(name, value);
            return this;
        }

        /** The score for picking the best checkpoint (higher is better); must be finite. */
        public Builder score(double score) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("checkpoint score must be finite, was " + score);
            }
            this.score = OptionalDouble.of(score);
            return this;
        }

        /** The resolved run config text. */
        public Builder config(String resolvedConfig) {
            this.config = Objects.requireNonNull(resolvedConfig, "resolvedConfig");
            return this;
        }

        /** Sets metadata {@code key} to {@code value}; a repeated key replaces the value. */
        public Builder metadata(String key, String value) {
            requireKey("metadata", key);
            metadata.put(key, Objects.requireNonNull(value, "metadata value of '" + key + "'"));
            return this;
        }

        /**
         * Adds entry {@code name} holding a copy of {@code bytes}. Names are '/'-separated
         * segments of letters, digits, '.', '_' and '-' (no segment starts with '.'), such as
         * {@code dqn/online.params}; a name may not also be a directory of another name.
         *
         * @throws IllegalArgumentException for an invalid, clashing or repeated name
         */
        public Builder entry(String name, byte[] bytes) {
            EntryNames.require(name);
            Objects.requireNonNull(bytes, "bytes of entry '" + name + "'");
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("entry '" + name + "' was already added");
            }
            String clash = EntryNames.clash(entries.keySet(), name);
            if (clash != null) {
                throw new IllegalArgumentException(clash);
            }
            entries.put(name, bytes.clone());
            return this;
        }

        /** The checkpoint, stamped with the current time. */
        public Checkpoint build() {
            return new Checkpoint(CURRENT_FORMAT, step, Instant.now(), score, counters, metadata,
                    config, entries, null);
        }

        private static void requireKey(String what, String key) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException(what + " name must not be empty");
            }
        }
    }
}
