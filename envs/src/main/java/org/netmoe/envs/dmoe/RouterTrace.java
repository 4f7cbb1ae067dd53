package org.netmoe.envs.dmoe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netmoe.envs.InputFiles;

/**
 * Gating scores dumped from a real MoE router, replacing {@link GatingScores}. CSV with the header
 * {@code layer,source,g1,...,gK} and one row per token and layer: the 1-based layer, the 0-based
 * expert holding the token (its source node), and the router's K non-negative scores (normalized here
 * to sum 1, e.g. softmax outputs before Top-k). Lines starting with {@code #} and blank lines are
 * skipped. A trace holds at most {@link #MAX_BYTES} bytes.
 *
 * @param experts K, the number of score columns
 * @param rows    the tokens in file order
 */
public record RouterTrace(int experts, List<Row> rows) {
    /** The largest trace file read, 64 MiB (about a million tokens of 8 experts). */
    public static final long MAX_BYTES = 64L << 20;

    /** One token at one layer. */
    public record Row(int layer, int source, double[] scores) {
        public Row {
            scores = scores.clone();
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }
    }

    public RouterTrace {
        rows = List.copyOf(rows);
    }

    /** The rows of 1-based {@code layer}, in file order. */
    public List<Row> layer(int layer) {
        return rows.stream().filter(r -> r.layer == layer).toList();
    }

    /** The largest layer in the trace. */
    public int layers() {
        return rows.stream().mapToInt(Row::layer).max().orElse(0);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file, line and column of a malformed value, or the
     *                                  file and {@link #MAX_BYTES} when it is larger
     */
    public static RouterTrace read(Path file) {
        List<String> lines;
        try {
            lines = InputFiles.readString(file, MAX_BYTES, "router trace " + file).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read router trace " + file + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        int header = -1;
        String[] names = null;
        for (int i = 0; i < lines.size() && names == null; i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                header = i;
                names = l.split(",", -1);
            }
        }
        if (names == null || names.length < 4 || !names[0].strip().equals("layer") || !names[1].strip().equals("source")) {
            throw new IllegalArgumentException("router trace " + file + ": the header must be layer,source,g1,...,gK"
                    + " with K >= 2");
        }
        int k = names.length - 2;
        List<Row> rows = new ArrayList<>();
        for (int i = header + 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String where = "router trace " + file + " line " + (i + 1);
            String[] c = l.split(",", -1);
            if (c.length != k + 2) {
                throw new IllegalArgumentException(where + ": expected " + (k + 2) + " columns, found " + c.length);
            }
            int layer = (int) number(c[0], where, "layer");
            int source = (int) number(c[1], where, "source");
            if (layer < 1 || layer != number(c[0], where, "layer")) {
                throw new IllegalArgumentException(where + ": layer must be an integer >= 1, was " + c[0]);
            }
            if (source < 0 || source >= k || source != number(c[1], where, "source")) {
                throw new IllegalArgumentException(where + ": source must be an integer in [0, " + k + "), was " + c[1]);
            }
            double[] g = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                g[j] = number(c[j + 2], where, names[j + 2].strip());
                if (!(g[j] >= 0) || Double.isInfinite(g[j])) {
                    throw new IllegalArgumentException(where + ": " + names[j + 2].strip() + " must be >= 0 and finite, was "
                            + c[j + 2]);
                }
                sum += g[j];
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException(where + ": the scores sum to 0");
            }
            for (int j = 0; j < k; j++) {
                g[j] /= sum;
            }
            rows.add(new Row(layer, source, g));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("router trace " + file + " has no rows");
        }
        return new RouterTrace(k, rows);
    }

    private static double number(String cell, String where, String column) {
        try {
            return Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + column + " is not a number: '" + cell + "'");
        }
    }
}
