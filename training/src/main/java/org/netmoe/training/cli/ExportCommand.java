package org.netmoe.training.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.netmoe.export.onnx.OnnxPolicy;
import org.netmoe.export.onnx.proto.Onnx.ModelProto;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.export.PolicyExport;
import org.netmoe.training.run.ResolvedRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netmoe export}: writes the policy of a finished train run as an ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the trained policy of a finished train run (DQN Q-network, PPO or SAC actor, MLP or MoE)"
                + " as an ONNX model (opset " + OnnxPolicy.OPSET + ") that gives NetMoE's greedy outputs and action.")
final class ExportCommand implements Callable<Integer> {
    /** The export formats. */
    enum Format { onnx }

    /** Where the model goes unless {@code --output} says otherwise: in the run directory. */
    static final String DEFAULT_FILE = "policy.onnx";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--run-dir", required = true, paramLabel = "DIR", description = "A finished run directory written by train.")
    Path runDir;

    @Option(names = "--format", required = true, description = "Model format: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "The model file (default: DIR/" + DEFAULT_FILE + ").")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing --output file (DIR/" + DEFAULT_FILE
            + ", NetMoE's own, is always replaced).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Path config = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new ConfigException(runDir + " is not a run directory (no config.yaml)");
        }
        Path file = output != null ? output : runDir.resolve(DEFAULT_FILE);
        if (Files.isDirectory(file)) {
            throw new ConfigException("--output " + file + " is a directory; give the model's file name");
        }
        if (output != null && Files.exists(file) && !overwrite) {
            throw new ConfigException("--output " + file + " exists; choose another file or add --overwrite");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new ConfigException("--output " + file + ": directory " + parent + " does not exist");
        }
        Registries r = Registries.standard();
        ResolvedRun run = ResolvedRun.load(config, List.of(), r.envs(), r.agents());
        ModelProto model = PolicyExport.onnx(runDir, run);
        OnnxPolicy.write(model, file);
        PrintWriter out = spec.commandLine().getOut();
        out.println("exported the " + run.agentSpec().id() + " policy of " + runDir + " to " + file + " (ONNX opset "
                + OnnxPolicy.OPSET + "): " + OnnxPolicy.signature(model));
        out.flush();
        return 0;
    }
}
