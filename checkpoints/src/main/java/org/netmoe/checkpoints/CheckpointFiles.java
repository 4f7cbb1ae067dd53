package org.netmoe.checkpoints;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes one checkpoint into a directory and reads one back with full verification. */
final class CheckpointFiles {

    static final String MANIFEST = "manifest.json";
    static final String CONFIG = "config.yaml";
    static final String ENTRIES = "entries";

    private static final Pattern DIRECTORY_NAME = Pattern.compile("step-(\\d{1,18})");

    private CheckpointFiles() {
    }

    /** {@code step-<step>}, zero-padded to 12 digits so that names sort by step. */
    static String directoryName(long step) {
        return String.format("step-%012d", step);
    }

    /** The step named by a {@code step-<n>} directory, or empty for any other name. */
    static OptionalLong stepOf(Path dir) {
        Matcher matcher = DIRECTORY_NAME.matcher(dir.getFileName().toString());
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1)))
                : OptionalLong.empty();
    }

    /**
     * Writes {@code checkpoint} into the new directory {@code dir}: the config, every entry, then
     * the manifest, each file fsynced, then every directory of the tree fsynced.
     */
    static void write(Checkpoint checkpoint, Path dir) throws IOException {
        Files.createDirectory(dir);
        byte[] config = checkpoint.config().getBytes(StandardCharsets.UTF_8);
        DurableFiles.write(dir.resolve(CONFIG), config);
        Path entriesDir = Files.createDirectory(dir.resolve(ENTRIES));
        Set<Path> directories = new LinkedHashSet<>();
        List<Manifest.FileRecord> records = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : checkpoint.entriesView().entrySet()) {
            Path file = EntryNames.file(entriesDir, entry.getKey());
            for (Path parent = file.getParent(); !parent.equals(entriesDir); parent = parent.getParent()) {
                directories.add(parent);
            }
            Files.createDirectories(file.getParent());
            DurableFiles.write(file, entry.getValue());
            records.add(record(entry.getKey(), entry.getValue()));
        }
        Manifest manifest = new Manifest(Checkpoint.CURRENT_FORMAT, checkpoint.step(),
                checkpoint.createdAt(), checkpoint.score(), checkpoint.counters(),
                checkpoint.metadata(), record(CONFIG, config), records);
        DurableFiles.write(dir.resolve(MANIFEST), manifest.toJson());
        for (Path directory : directories) {
            DurableFiles.syncDirectory(directory);
        }
        DurableFiles.syncDirectory(entriesDir);
        DurableFiles.syncDirectory(dir);
    }

    /** Verifies every file of {@code dir} against its manifest without keeping the bytes. */
    static Manifest verify(Path dir) throws IOException {
        Manifest manifest = readManifest(dir);
        check(dir, "file '" + CONFIG + "'", manifest.config(), dir.resolve(CONFIG), false);
        for (Manifest.FileRecord entry : manifest.entries()) {
            check(dir, "entry '" + entry.name() + "'", entry, entryFile(dir, entry.name()), false);
        }
        return manifest;
    }

    /** Reads {@code dir} into a checkpoint, verifying every file against its manifest. */
    static Checkpoint read(Path dir) throws IOException {
        Manifest manifest = readManifest(dir);
        byte[] config =
                check(dir, "file '" + CONFIG + "'", manifest.config(), dir.resolve(CONFIG), true);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Manifest.FileRecord entry : manifest.entries()) {
            entries.put(entry.name(),
                    check(dir, "entry '" + entry.name() + "'", entry, entryFile(dir, entry.name()), true));
        }
        return new Checkpoint(manifest.formatVersion(), manifest.step(), manifest.createdAt(),
                manifest.score(), manifest.counters(), manifest.metadata(),
                new String(config, StandardCharsets.UTF_8), entries, dir);
    }

    static Manifest readManifest(Path dir) throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(dir.resolve(MANIFEST));
        } catch (NoSuchFileException e) {
            throw new InvalidCheckpointException(dir, MANIFEST
                    + " is missing (an incomplete or foreign directory)", e);
        }
        Manifest manifest = Manifest.parse(dir, json);
        OptionalLong named = stepOf(dir);
        if (named.isPresent() && named.getAsLong() != manifest.step()) {
            throw new InvalidCheckpointException(dir, MANIFEST + " records step "
                    + manifest.step() + " but the directory is named for step " + named.getAsLong());
        }
        return manifest;
    }

    /** Checks size and SHA-256 of {@code file}; returns its bytes when {@code keep}, else null. */
    private static byte[] check(Path dir, String what, Manifest.FileRecord record, Path file,
                                boolean keep) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidCheckpointException(dir, what + " is missing (no file "
                    + dir.relativize(file) + ")");
        }
        long size = Files.size(file);
        if (size != record.size()) {
            throw new InvalidCheckpointException(dir, what + " has " + size
                    + " bytes, the manifest records " + record.size() + " (truncated or overwritten)");
        }
        MessageDigest digest = Checkpoints.newSha256();
        byte[] bytes = keep ? Files.readAllBytes(file) : null;
        if (keep) {
            digest.update(bytes);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (!sha256.equals(record.sha256())) {
            throw new InvalidCheckpointException(dir, what + " fails its SHA-256 check (corrupted):"
                    + " found " + sha256 + ", the manifest records " + record.sha256());
        }
        return bytes;
    }

    private static Path entryFile(Path dir, String name) {
        return EntryNames.file(dir.resolve(ENTRIES), name);
    }

    private static Manifest.FileRecord record(String name, byte[] bytes) {
        return new Manifest.FileRecord(name, bytes.length, Checkpoints.sha256Hex(bytes));
    }
}
