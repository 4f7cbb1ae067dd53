package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.List;
import org.netmoe.training.bench.SelectionBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netmoe bench selection}: DES vs brute-force time per token. */
@Command(name = "selection",
        description = "DES (Algorithm 1) vs brute-force expert selection: median and p99 time per token and"
                + " nodes explored, per K; with --csv only CSV with the header k,method,tokens,median_us,p99_us,mean_nodes.")
final class SelectionBenchCommand extends CliCommand implements Runnable {
    @Mixin
    TableOutput table;

    @Option(names = "--k", split = ",", defaultValue = "8,12,16,20", description = "Expert counts K (default ${DEFAULT-VALUE}).")
    List<Integer> ks;

    @Option(names = "--tokens", defaultValue = "5000", description = "Tokens timed for DES (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--brute-tokens", defaultValue = "300",
            description = "Tokens timed for brute force, the first of the DES tokens (default ${DEFAULT-VALUE}).")
    int bruteTokens;

    @Option(names = "--max-experts", defaultValue = "4", description = "D, capped at K (default ${DEFAULT-VALUE}).")
    int maxExperts;

    @Option(names = "--gamma0", defaultValue = "0.9",
            description = "Thresholds gamma0^l, l uniform in [1, --layers] (default ${DEFAULT-VALUE}).")
    double gamma0;

    @Option(names = "--layers", defaultValue = "16", description = "Layers the threshold is drawn over (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the tokens (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        for (int k : ks) {
            if (k < 2 || k > 30) {
                throw new IllegalArgumentException("--k must be in [2, 30] (brute force enumerates 2^K), was " + k);
            }
        }
        if (tokens < 1 || bruteTokens < 1) {
            throw new IllegalArgumentException("--tokens and --brute-tokens must be >= 1, were " + tokens + ", " + bruteTokens);
        }
        if (maxExperts < 1) {
            throw new IllegalArgumentException("--max-experts must be >= 1, was " + maxExperts);
        }
        if (!(gamma0 > 0 && gamma0 <= 1)) {
            throw new IllegalArgumentException("--gamma0 must be in (0, 1], was " + gamma0);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("--layers must be >= 1, was " + layers);
        }
        PrintWriter out = out();
        table.header(out, "k,method,tokens,median_us,p99_us,mean_nodes", "%4s %-12s %7s %12s %12s %12s%n", "K", "method",
                "tokens", "median_us", "p99_us", "mean_nodes");
        for (int k : ks) {
            for (SelectionBench.Row r : SelectionBench.measure(k, tokens, Math.min(bruteTokens, tokens), maxExperts,
                    gamma0, layers, seed)) {
                table.row(out, "%d,%s,%d,%.3f,%.3f,%.1f%n", "%4d %-12s %7d %12.2f %12.2f %12.1f%n", r.experts(),
                        r.method(), r.tokens(), r.medianUs(), r.p99Us(), r.meanNodes());
            }
        }
        table.note(out, "(D = %d capped at K, thresholds %.2f^l with l in [1, %d], paper channel and a_j;"
                + " both solvers agree on every token)%n", maxExperts, gamma0, layers);
        out.flush();
    }
}
