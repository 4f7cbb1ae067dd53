package org.netmoe.training.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import org.netmoe.envs.InputFiles;
import org.netmoe.moe.select.Des;
import org.netmoe.moe.select.Selection;
import org.netmoe.moe.select.SelectionInstance;
import picocli.CommandLine.Command;

/**
 * {@code netmoe des}: solves one expert-selection instance P1(a) with DES (paper Algorithm 1) read as
 * JSON from stdin.
 */
@Command(name = "des",
        description = {"Optimal distributed-MoE expert selection (DES, Algorithm 1) for one token.",
                "Reads {\"scores\":[...], \"energies\":[...], \"threshold\": z*gamma, \"maxExperts\": D} from stdin;"
                        + " prints {\"selected\":[indices], \"energy\": e, \"feasible\": true|false, \"score\": s,"
                        + " \"nodesExplored\": n}. Infeasible tokens get the Top-D experts (feasible=false)."})
final class DesCommand extends CliCommand implements Runnable {
    /** The most read from stdin, 1 MiB (an instance has at most 62 experts). */
    static final long MAX_STDIN_BYTES = 1L << 20;
    // A repeated field fails instead of the last one silently winning.
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    @Override
    public void run() {
        JsonNode root;
        try {
            root = JSON.readTree(InputFiles.readString(System.in, MAX_STDIN_BYTES, "stdin"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stdin is not valid JSON: "
                    + e.getOriginalMessage().strip().lines().findFirst().orElse(""));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("stdin is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("reading stdin", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("stdin must hold one JSON object with fields scores, energies,"
                    + " threshold, maxExperts");
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "'; allowed: " + FIELDS);
            }
        });
        SelectionInstance instance = new SelectionInstance(numbers(root, "scores"), numbers(root, "energies"),
                number(root, "threshold"), integer(root, "maxExperts"));
        Selection s = new Des().select(instance);
        ObjectNode out = JSON.createObjectNode();
        var selected = out.putArray("selected");
        for (int j : s.selected()) {
            selected.add(j);
        }
        out.put("energy", s.energy());
        out.put("feasible", s.feasible());
        out.put("score", s.score());
        out.put("nodesExplored", s.nodesExplored());
        PrintWriter w = out();
        w.println(out.toString());
        w.flush();
    }

    private static final List<String> FIELDS = List.of("scores", "energies", "threshold",
            "maxExperts");

    private static JsonNode field(JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return n;
    }

    private static double[] numbers(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' must be an array of numbers, was " + brief(n));
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new IllegalArgumentException("field '" + name + "[" + i + "]' must be a number, was " + brief(n.get(i)));
            }
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static double number(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isNumber()) {
            throw new IllegalArgumentException("field '" + name + "' must be a number, was " + brief(n));
        }
        return n.asDouble();
    }

    private static int integer(JsonNode root, String name) {
        JsonNode n = field(root, name);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer, was " + brief(n));
        }
        return n.asInt();
    }

    /** {@code n} as JSON, cut to 60 characters (a bad value may be a megabyte of nested arrays). */
    private static String brief(JsonNode n) {
        String text = n.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
