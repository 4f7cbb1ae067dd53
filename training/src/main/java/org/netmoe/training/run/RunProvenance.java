package org.netmoe.training.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a run came from (like Tribuo's ModelProvenance): the resolved config's hash, seed, git
 * commit, NetMoE and Java versions, OS/arch, ND4J backend and start time. Written to
 * {@code provenance.yaml} in every run directory.
 */
public record RunProvenance(String configSha256, long seed, String gitCommit, String netmoeVersion,
                            String javaVersion, String os, String arch, String nd4jBackend, String ompThreads,
                            String startTime) {

    /** The provenance of a run of {@code resolvedConfigYaml} starting now. */
    public static RunProvenance capture(String resolvedConfigYaml, long seed, String nd4jBackend) {
        return new RunProvenance(hash(resolvedConfigYaml), seed, currentGitCommit(),
                version(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                nd4jBackend, String.valueOf(System.getenv("OMP_NUM_THREADS")), Instant.now().toString());
    }

    /** NetMoE's version, from the build. */
    public static String version() {
        try (var in = RunProvenance.class.getResourceAsStream("/org/netmoe/training/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String currentGitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
