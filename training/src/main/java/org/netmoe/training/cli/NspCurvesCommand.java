package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.netmoe.envs.nsp.NspConfig;
import org.netmoe.envs.nsp.NspCurves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe nsp-curves}: OP, DR, TP (and BEP) of nsp-power at each transmit power, as CSV. */
@Command(name = "nsp-curves",
        description = {"Print CSV power,op,dr,tp (plus bep with --set env.params.includeBep=true) of nsp-power"
                + " for the default user (the paper's defaults: M=10, theta=6, D=10, alpha=2, sigma=1, B=1 MHz,"
                + " gamma_th=10 dB) or the given overrides.",
                "Overrides name env parameters as env.params.FIELD=VALUE (or the short form env.FIELD=VALUE),"
                        + " e.g. --set env.params.distance=12 --set env.antennas=16."})
final class NspCurvesCommand extends CliCommand implements Runnable {
    @Option(names = "--power", split = ",", paramLabel = "W",
            description = "Transmit powers in watts (default: the env's power levels, 10,15,20,25,30).")
    List<Double> powers;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override an env parameter.")
    List<String> overrides = new ArrayList<>();

    @Override
    public void run() {
        NspConfig config = EnvParamOverrides.bind(NspConfig.defaults(), overrides, "nsp-curves");
        List<Double> ps = powers == null ? config.powers() : powers;
        for (double p : ps) {
            if (!(p > 0) || !Double.isFinite(p)) {
                throw new IllegalArgumentException("--power values must be > 0 and finite, was " + p);
            }
        }
        NspCurves.Table table = NspCurves.compute(config, ps);
        PrintWriter out = out();
        out.println(String.join(",", table.header()));
        for (NspCurves.Row row : table.rows()) {
            StringBuilder sb = new StringBuilder();
            for (double v : row.values()) {
                sb.append(sb.length() == 0 ? "" : ",").append(format(v));
            }
            out.println(sb);
        }
        out.flush();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.9g", v).replaceFirst("0+$", "").replaceFirst("\\.$", "");
    }
}
