package org.netmoe.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.run.ResolvedRun;
import picocli.CommandLine;

/**
 * Fuzzes the readers of user input: generated YAML configs (random trees, huge numbers, NaN, deep
 * nesting, duplicate keys, wrong types), mutated shipped configs with random {@code --set}
 * overrides, and {@code des} JSON on stdin. Each must end in a valid config (or answer) or in one
 * line of bad-input error; no other exception. Fixed seeds and a few hundred tries keep it
 * deterministic and about ten seconds long.
 */
class InputFuzzTest {
    private static final List<String> KEYS = List.of("seed", "env", "agent", "train", "checkpoint", "id", "params",
            "steps", "logEvery", "evalEpisodes", "every", "keep", "task", "bufferSize", "batchSize", "numEnvs",
            "rolloutSteps", "minibatches", "hiddenSizes", "gamma", "learningRate", "learningStarts", "targetUpdate",
            "period", "tau", "network", "type", "experts", "topK", "x", "\"quoted key\"");
    private static final List<String> SCALARS = List.of("1", "0", "-1", "7", "64", "6000.7", "64.0", "0.5", "1e308",
            "1e999", "-1e999", "4.9e-324", "123456789012345678901234567890", "2147483648", "9223372036854775808",
            ".nan", ".inf", "-.inf", "NaN", "true", "no", "null", "~", "''", "maze-3x7", "nsp-power", "dqn", "ppo",
            "sac", "random", "goal", "[goal, trap]", "[]", "{}", "\"\\u0000\"", "0x1F", "0o17", "1_000",
            "!!binary AAAA", "\"multi\\nline\"", "[1, 2, 3]", "{period: 500}", "{tau: 0.005}", "{type: moe}");
    private static final List<String> TRAIN_CONFIGS = List.of("maze-dqn.yaml", "maze-ppo.yaml", "maze-sac.yaml",
            "nsp-dqn.yaml", "nsp-ppo.yaml", "edge-sac.yaml");

    private static Path dir;
    private static Registries registries;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("netmoe-fuzz");
        registries = Registries.standard();
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 250, seed = "20260714", edgeCases = EdgeCasesMode.MIXIN)
    void generatedConfigsLoadOrFailInOneLine(@ForAll("documents") String yaml, @ForAll("overrides") List<String> sets)
            throws IOException {
        loadOrConfigException(yaml, sets);
    }

    @Property(tries = 150, seed = "20260715", edgeCases = EdgeCasesMode.MIXIN)
    void mutatedShippedConfigsLoadOrFailInOneLine(@ForAll("mutatedConfigs") String yaml,
                                                  @ForAll("overrides") List<String> sets) throws IOException {
        loadOrConfigException(yaml, sets);
    }

    @Property(tries = 150, seed = "20260716", edgeCases = EdgeCasesMode.MIXIN)
    void desAnswersOrFailsInOneLine(@ForAll("desInputs") String json) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            CommandLine cl = NetMoe.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("des");
            if (code == 0) {
                // A feasible answer selects at least one expert (the threshold is > 0).
                assertFalse(out.toString().contains("\"selected\":[]"), json + " -> " + out);
            } else {
                assertEquals(2, code, json + " -> " + err);
                assertEquals(1, err.toString().strip().lines().count(), json + " -> " + err);
            }
        } finally {
            System.setIn(saved);
        }
    }

    private static void loadOrConfigException(String yaml, List<String> sets) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(file, yaml);
        try {
            ResolvedRun.load(file, sets, registries.envs(), registries.agents());
        } catch (ConfigException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "empty message for\n" + yaml);
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"),
                    "multi-line message: " + e.getMessage() + "\nfor\n" + yaml + "\n" + sets);
        } catch (RuntimeException e) {
            fail("not a ConfigException for\n" + yaml + "\n--set " + sets, e);
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> entry = Combinators.combine(key(), value()).as((k, v) -> k + ": " + v);
        Arbitrary<String> mapping = entry.list().ofMaxSize(8).map(l -> String.join("\n", l));
        Arbitrary<String> deep = Arbitraries.integers().between(1, 1500)
                .map(n -> "seed: " + "[".repeat(n) + "1" + "]".repeat(n));
        Arbitrary<String> deepBlock = Arbitraries.integers().between(1, 1200)
                .map(n -> "env:\n  " + "- ".repeat(n) + "x");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, mapping), net.jqwik.api.Tuple.of(2, value()),
                net.jqwik.api.Tuple.of(1, deep), net.jqwik.api.Tuple.of(1, deepBlock));
    }

    /** A shipped train config with one line's value replaced, a line duplicated, or a line dropped. */
    @Provide
    Arbitrary<String> mutatedConfigs() {
        return Combinators.combine(Arbitraries.of(TRAIN_CONFIGS), Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 2), value()).as((name, line, how, v) -> {
                    List<String> lines = new ArrayList<>(readConfig(name).lines().toList());
                    int i = line % lines.size();
                    String l = lines.get(i);
                    int colon = l.indexOf(':');
                    switch (how) {
                        case 0 -> lines.set(i, colon > 0 ? l.substring(0, colon + 1) + " " + v : l);
                        case 1 -> lines.add(i, l);
                        default -> lines.remove(i);
                    }
                    return String.join("\n", lines) + "\n";
                });
    }

    @Provide
    Arbitrary<List<String>> overrides() {
        Arbitrary<String> path = key().map(k -> k.replace("\"", "")).list().ofMinSize(1).ofMaxSize(4)
                .map(l -> String.join(".", l));
        Arbitrary<String> set = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Combinators.combine(path, value()).as((p, v) -> p + "=" + v)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(12)),
                net.jqwik.api.Tuple.of(1, path.map(p -> "." + p + "..=1")));
        return set.list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> desInputs() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.of("0", "1", "-1", "0.5", "1e308", "1e999", "-0",
                        "4.9e-324", "123456789012345678901234567890", "NaN", "\"1\"", "null", "true", "[]", "{}"),
                Arbitraries.doubles().between(0, 10).map(String::valueOf));
        Arbitrary<String> numbers = number.list().ofMaxSize(14).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> field = Combinators.combine(
                Arbitraries.of("scores", "energies", "threshold", "maxExperts", "scores", "extra"),
                Arbitraries.oneOf(numbers, number)).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> object = field.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> valid = Combinators.combine(numbers, numbers, number, number)
                .as((s, e, t, d) -> "{\"scores\":" + s + ",\"energies\":" + e + ",\"threshold\":" + t
                        + ",\"maxExperts\":" + d + "}");
        Arbitrary<String> deep = Arbitraries.integers().between(1, 3000)
                .map(n -> "{\"scores\":" + "[".repeat(n) + "]".repeat(n) + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, valid), net.jqwik.api.Tuple.of(4, object),
                net.jqwik.api.Tuple.of(1, deep), net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6));
    }

    /** A flow-style YAML value: a scalar, a list or a mapping (duplicate keys allowed), nested up to 4 deep. */
    private static Arbitrary<String> value() {
        return Arbitraries.recursive(InputFuzzTest::scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]"),
                Combinators.combine(key(), inner).as((k, v) -> k + ": " + v).list().ofMaxSize(4)
                        .map(l -> "{" + String.join(", ", l) + "}")), 0, 4);
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(Arbitraries.of(SCALARS), Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf), Arbitraries.strings().alpha().numeric().ofMaxLength(8));
    }

    private static String readConfig(String name) {
        try {
            return Files.readString(Path.of("..", "configs", name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
