package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One in-process invocation of the {@code netmoe} CLI, as the tests make it: exit code, stdout and
 * stderr.
 *
 * @param code the exit code
 * @param out  what the command printed on stdout
 * @param err  what it printed on stderr
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code netmoe args…}. */
    public static CliRun of(String... args) {
        CommandLine cl = NetMoe.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code netmoe experiment ../configs/<config> --run-dir <runDir> extra…}. */
    public static CliRun experiment(String config, Path runDir, String... extra) {
        return experiment(config, runDir, List.of(extra));
    }

    /** Runs {@code netmoe experiment ../configs/<config> --run-dir <runDir> extra…}. */
    public static CliRun experiment(String config, Path runDir, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("experiment", Path.of("..", "configs", config).toString(),
                "--run-dir", runDir.toString()));
        args.addAll(extra);
        return of(args.toArray(String[]::new));
    }
}
