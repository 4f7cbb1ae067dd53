package org.netmoe.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.config.ConfigException;

/** NetMoE empties only run directories it created and holds a lock while it works in one (SPEC §8). */
class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createMarksTheDirectoryAndRecordsWhatTheCommandWrote() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunDirectory rd = RunDirectory.create(dir, false)) {
            rd.write("config.yaml", "seed: 1\n");
            rd.write("results.csv", "a,b\n");
        }
        RunMarker marker = RunMarker.read(dir).orElseThrow();
        assertTrue(marker.createdBy().startsWith("netmoe "), marker.toString());
        assertTrue(marker.entries().containsAll(List.of("config.yaml", "results.csv")), marker.toString());
    }

    @Test
    void overwriteEmptiesARunDirectoryHoldingOnlyWhatNetMoeWrote() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunDirectory rd = RunDirectory.create(dir, false)) {
            rd.write("config.yaml", "seed: 1\n");
            Files.createDirectories(dir.resolve("plots"));
            Files.writeString(dir.resolve("plots/curve.png"), "png");
        }
        try (RunDirectory rd = RunDirectory.create(dir, true)) {
            assertEquals(List.of(RunDirectory.LOCK, RunDirectory.MARKER), RunOwnership.names(dir));
        }
    }

    @Test
    void overwriteRefusesADirectoryWithoutTheMarkerAndDeletesNothing() throws IOException {
        Path dir = tmp.resolve("c");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("CANARY"), "user data");
        Files.writeString(dir.resolve("sub/N"), "more user data");
        Map<String, String> before = Trees.snapshot(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> RunDirectory.create(dir, true));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("not a NetMoE run directory"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(before, Trees.snapshot(dir));
    }

    @Test
    void overwriteRefusesARunDirectoryWithForeignEntriesAndDeletesNothing() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunDirectory rd = RunDirectory.create(dir, false)) {
            rd.write("config.yaml", "seed: 1\n");
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/trace.csv"), "t,x\n");
        Map<String, String> before = Trees.snapshot(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> RunDirectory.create(dir, true));
        assertTrue(e.getMessage().contains("did not write: data/, notes.txt"), e.getMessage());
        assertEquals(before, Trees.snapshot(dir));
    }

    @Test
    void whatAUserAddsBetweenCommandsIsNeverRecordedAsNetMoes() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunDirectory rd = RunDirectory.create(dir, false)) {
            rd.write("config.yaml", "seed: 1\n");
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        try (RunDirectory rd = RunDirectory.existing(dir)) {
            rd.write("summary.md", "# done\n");
        }
        assertFalse(RunMarker.read(dir).orElseThrow().entries().contains("notes.txt"));
        assertThrows(ConfigException.class, () -> RunDirectory.create(dir, true));
        assertTrue(Files.isRegularFile(dir.resolve("notes.txt")));
    }

    @Test
    void aFolderOfSubRunsIsNetMoesEvenWhenTheExperimentDidNotEnd() throws IOException {
        Path dir = tmp.resolve("experiment");
        RunDirectory.create(dir, false).close();
        // Sub-runs written while the experiment ran, as if it were killed before recording them.
        for (String id : List.of("a", "b")) {
            try (RunDirectory sub = RunDirectory.create(dir.resolve("experts").resolve(id), false)) {
                sub.write("config.yaml", "seed: 1\n");
            }
        }
        Files.writeString(dir.resolve("experts/b/CANARY"), "mine");
        Map<String, String> before = Trees.snapshot(dir);
        assertThrows(ConfigException.class, () -> RunDirectory.create(dir, true));
        assertEquals(before, Trees.snapshot(dir));

        Files.delete(dir.resolve("experts/b/CANARY"));
        RunDirectory.create(dir, true).close();
        assertFalse(Files.exists(dir.resolve("experts")));
    }

    @Test
    void aRunDirectoryOfAnOlderNetMoeIsRecognisedOnlyByTheStandardLayout() throws IOException {
        Path old = tmp.resolve("old");
        Files.createDirectories(old.resolve("checkpoints/step-000000000300"));
        for (String f : List.of("config.yaml", "provenance.yaml", "metrics.csv", "dqn-q.bin",
                "checkpoints/step-000000000300/manifest.json")) {
            Files.writeString(old.resolve(f), "x");
        }
        Path withForeign = tmp.resolve("old-plus");
        Files.createDirectories(withForeign);
        for (String f : List.of("config.yaml", "provenance.yaml", "results-by-hand.xlsx")) {
            Files.writeString(withForeign.resolve(f), "x");
        }
        Map<String, String> before = Trees.snapshot(withForeign);
        assertThrows(ConfigException.class, () -> RunDirectory.create(withForeign, true));
        assertEquals(before, Trees.snapshot(withForeign));

        RunDirectory.create(old, true).close();
        assertTrue(RunMarker.read(old).isPresent());
        assertFalse(Files.exists(old.resolve("config.yaml")));
    }

    @Test
    void rootHomeCwdAndTheirAncestorsAreNeverEmptiedMarkerOrNot() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home/user"));
        Path cwd = Files.createDirectories(tmp.resolve("work/project/sub"));
        Path other = Files.createDirectories(tmp.resolve("work/runs/a"));
        Files.writeString(home.resolve(RunDirectory.MARKER), "createdBy: planted\n");
        assertEquals(Optional.of("it is your home directory"), RunOwnership.protectedLocation(home, cwd, home));
        assertEquals(Optional.of("it contains your home directory"),
                RunOwnership.protectedLocation(tmp.resolve("home"), cwd, home));
        assertEquals(Optional.of("it is the current directory"), RunOwnership.protectedLocation(cwd, cwd, home));
        assertEquals(Optional.of("it contains the current directory"),
                RunOwnership.protectedLocation(tmp.resolve("work/project"), cwd, home));
        assertEquals(Optional.of("it contains the current directory"), RunOwnership.protectedLocation(tmp, cwd, home));
        assertEquals(Optional.of("it is the file system root"), RunOwnership.protectedLocation(Path.of("/"), cwd, home));
        assertEquals(Optional.of("it is the current directory"),
                RunOwnership.protectedLocation(cwd.resolve("..").resolve("sub"), cwd, home));
        assertEquals(Optional.empty(), RunOwnership.protectedLocation(other, cwd, home));
    }

    @Test
    void aSecondCommandInALockedRunDirectoryGetsOneLineNamingThePid() throws IOException {
        Path dir = tmp.resolve("run");
        try (RunDirectory rd = RunDirectory.create(dir, false)) {
            rd.write("config.yaml", "seed: 1\n");
            Map<String, String> before = Trees.snapshot(dir);
            for (var second : List.<Open>of(() -> RunDirectory.existing(dir), () -> RunDirectory.create(dir, true))) {
                ConfigException e = assertThrows(ConfigException.class, second::open);
                assertEquals("run directory " + dir + " is in use by another netmoe process (pid "
                        + ProcessHandle.current().pid() + "); wait for it to end or choose another --run-dir",
                        e.getMessage());
            }
            assertEquals(before, Trees.snapshot(dir));
        }
        RunDirectory.existing(dir).close();
    }

    @FunctionalInterface
    private interface Open {
        RunDirectory open() throws IOException;
    }
}
