package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.run.RunDirectory;
import org.netmoe.training.run.Trees;

/** SPEC §8, user data is sacred: the CLI deletes only inside its own run directories, never its inputs. */
class UserDataTest {
    private static final String MAZE_DQN = Path.of("..", "configs", "maze-dqn.yaml").toString();

    @TempDir
    Path tmp;

    /** A tiny train run into {@code dir} (a few seconds). */
    private static CliRun train(Path dir, String... extra) {
        String[] args = {"train", "--config", MAZE_DQN, "--set", "train.steps=300", "--set", "train.evalEpisodes=1",
                "--set", "agent.params.learningStarts=100", "--run-dir", dir.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.of(all);
    }

    private static void assertOneLineError(CliRun r, String... parts) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' missing from: " + r.err());
        }
    }

    @Test
    void trainOverwriteRefusesADirectoryNetMoeDidNotCreate() {
        Path dir = tmp.resolve("scratch/c");
        try {
            Files.createDirectories(dir.resolve("sub"));
            Files.writeString(dir.resolve("CANARY"), "user data");
            Files.writeString(dir.resolve("sub/N"), "more user data");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> before = Trees.snapshot(tmp);
        CliRun r = train(dir, "--overwrite", "--until", "10");
        assertOneLineError(r, "netmoe: error: ", dir.toString(), "not a NetMoE run directory", "choose another --run-dir");
        assertEquals(before, Trees.snapshot(tmp));

        CliRun withoutOverwrite = train(dir);
        assertOneLineError(withoutOverwrite, "already exists and is not empty; choose another --run-dir");
        assertFalse(withoutOverwrite.err().contains("--overwrite"), withoutOverwrite.err());
        assertEquals(before, Trees.snapshot(tmp));
    }

    @Test
    void trainOverwriteReplacesItsOwnRunButNotOneWithAForeignFileAdded() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, train(dir).code());
        assertTrue(Files.isRegularFile(dir.resolve(RunDirectory.MARKER)));
        Files.writeString(dir.resolve("NOTES.txt"), "my analysis");
        Map<String, String> before = Trees.snapshot(tmp);
        CliRun refused = train(dir, "--overwrite");
        assertOneLineError(refused, dir.toString(), "entries NetMoE did not write: NOTES.txt", "move them out");
        assertEquals(before, Trees.snapshot(tmp));

        Files.delete(dir.resolve("NOTES.txt"));
        CliRun again = train(dir, "--overwrite", "--set", "seed=2");
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.readString(dir.resolve("config.yaml")).contains("seed: 2"));
    }

    @Test
    void aRunDirectoryInUseGivesTrainAndResumeOneLineAndIsLeftAlone() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, train(dir, "--until", "200").code());
        Map<String, String> before = Trees.snapshot(dir);
        // Another netmoe process, as the OS sees it: a lock on the lock file, its pid inside.
        try (FileChannel ch = FileChannel.open(dir.resolve(RunDirectory.LOCK), StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap("4242\n".getBytes(StandardCharsets.UTF_8)));
            before = Trees.snapshot(dir);
            String inUse = "run directory " + dir + " is in use by another netmoe process (pid 4242);"
                    + " wait for it to end or choose another --run-dir";
            assertOneLineError(train(dir, "--overwrite"), inUse);
            assertOneLineError(CliRun.of("resume", "--run-dir", dir.toString()), inUse);
            assertOneLineError(CliRun.experiment("maze-fig5-smoke.yaml", dir, "--reuse"), inUse);
            assertEquals(before, Trees.snapshot(dir));
        }
        CliRun resumed = CliRun.of("resume", "--run-dir", dir.toString());
        assertEquals(0, resumed.code(), resumed.err());
    }

    @Test
    void aMismatchedOrMissingExpertsDirFailsInOneLineAndIsLeftByteIdentical() throws IOException {
        // An earlier run's experts: expert a trained with another config (steps, task), plus a user's file.
        Path experts = tmp.resolve("earlier/experts");
        assertEquals(0, train(experts.resolve("a")).code());
        Files.writeString(experts.resolve("a/.finished"), "finished\n");
        Files.writeString(experts.resolve("README-mine.txt"), "do not delete");
        Map<String, String> before = Trees.snapshot(tmp.resolve("earlier"));

        CliRun r = CliRun.experiment("maze-fig5-smoke.yaml", tmp.resolve("new"), "--set", "expertsDir=" + experts);
        assertOneLineError(r, "experts[0] (a): expertsDir " + experts.resolve("a"), "was trained with another config (",
                " there, ", " here)", "point it to a directory trained with this config, or remove expertsDir");
        assertEquals(before, Trees.snapshot(tmp.resolve("earlier")));

        Path missing = tmp.resolve("nowhere");
        CliRun none = CliRun.experiment("maze-fig5-smoke.yaml", tmp.resolve("new2"), "--set", "expertsDir=" + missing);
        assertOneLineError(none, "expertsDir " + missing.resolve("a") + " holds no trained run");
        assertFalse(Files.exists(missing));
    }
}
