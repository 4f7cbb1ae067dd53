package org.netmoe.training.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.netmoe.core.rng.RngStream;
import org.netmoe.envs.Env;
import org.netmoe.envs.EnvRegistry;
import org.netmoe.moe.nn.Mlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netmoe doctor}: what this machine runs NetMoE on (Java, ND4J backend and native build,
 * OpenMP threads, CUDA devices, memory) and a short forward/backward micro-benchmark of the bench
 * MLP, with warnings for settings that cost speed. On a CUDA build it first checks, before ND4J
 * initialises, that the CUDA libraries load and that some GPU has code in ND4J's binary
 * ({@link CudaSupport}); if not, it says why and exits with 1.
 */
@Command(name = "doctor",
        description = {"Print the Java version, ND4J backend and native build (AVX level), OpenMP threads, CUDA"
                + " devices with memory (GPU backend), free memory, and time forward+backward of the bench MLP"
                + " (maze-3x7 observation -> 2x64 ReLU -> 4 actions, as in 'bench agents') at batch 1, 64 and 4096.",
                "Warns when OMP_NUM_THREADS is unset or the native build is below what the CPU supports.",
                "On a CUDA build (-Pcuda), exits with 1 naming the reason when the CUDA libraries do not load or"
                + " no GPU is one ND4J 1.0.0-M2.1's binary has code for (sm_37 to sm_86)."})
final class DoctorCommand extends CliCommand implements Callable<Integer> {
    private static final int[] BATCHES = {1, 64, 4096};

    @Option(names = "--bench-seconds", defaultValue = "10", paramLabel = "S",
            description = "Total micro-benchmark time in seconds, split over the batch sizes; 0 skips it"
                    + " (default ${DEFAULT-VALUE}).")
    double benchSeconds;

    @Override
    public Integer call() {
        if (!(benchSeconds >= 0 && benchSeconds <= 600)) {
            throw new IllegalArgumentException("--bench-seconds must be in [0, 600], was " + benchSeconds);
        }
        PrintWriter out = out();
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "java:         %s (%s), %s %s, %d cores%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch"),
                rt.availableProcessors());
        if (CudaSupport.cudaBackendOnClasspath()) {
            // Before ND4J initialises: on a GPU it cannot run on, or without the CUDA libraries, ND4J only
            // reports that no backend is available.
            CudaSupport.Probe probe = CudaSupport.probe();
            probe.problems().forEach(out::println);
            if (!probe.runnable()) {
                out.flush();
                return 1;
            }
        }
        BackendInfo b = BackendInfo.current();
        out.printf(Locale.ROOT, "nd4j:         %s, backend %s%n", b.nd4jVersion(), b.backend());
        if (b.cpu()) {
            out.printf(Locale.ROOT, "native build: %s binary; this CPU supports %s%n", b.binaryLevel(), b.optimalLevel());
            out.printf(Locale.ROOT, "openblas:     kernel %s (%s)%n", b.openblasKernel(), b.kernelPin().describe());
        }
        String omp = System.getenv("OMP_NUM_THREADS");
        out.printf(Locale.ROOT, "omp threads:  %d (OMP_NUM_THREADS=%s)%n", b.ompThreads(), omp == null ? "unset" : omp);
        if (b.cpu()) {
            out.println("cuda devices: none (CPU backend; build with NETMOE_MAVEN_ARGS=-Pcuda for the CUDA backend)");
        } else if (b.devices().isEmpty()) {
            out.println("cuda devices: none found by the CUDA backend");
        }
        for (BackendInfo.Device d : b.devices()) {
            out.printf(Locale.ROOT, "cuda device %d: %s, sm_%d%d, %.1f GiB free of %.1f GiB%n", d.index(), d.name(),
                    d.major(), d.minor(), gib(d.freeBytes()), gib(d.totalBytes()));
        }
        out.printf(Locale.ROOT, "memory:       JVM heap max %.1f GiB; system %s%n", gib(rt.maxMemory()), systemMemory());
        out.flush();
        if (benchSeconds > 0) {
            benchmark(out);
        }
        if (omp == null) {
            out.println("warning: OMP_NUM_THREADS is unset, so ND4J uses one OpenMP thread per core; the small RL"
                    + " networks run fastest with OMP_NUM_THREADS=1 (the ./netmoe launcher sets it).");
        }
        if (b.cpu() && b.kernelPin() != BackendInfo.KernelPin.PINNED) {
            out.println("warning: OpenBLAS's kernel is not pinned to " + BackendInfo.PINNED_KERNEL + "; NetMoE's"
                    + " networks multiply matrices with OpenBLAS, so results may depend on the CPU and differ from the"
                    + " reference results in results/ (./netmoe pins it on CPUs with AVX2 and FMA).");
        }
        if (b.cpu() && !b.binaryLevel().equals(b.optimalLevel())) {
            out.println("note: ND4J runs its " + b.binaryLevel() + " binary on a CPU with " + b.optimalLevel()
                    + "; NetMoE keeps the generic build on purpose: an AVX2/AVX-512 build would run different code on"
                    + " different CPUs, so results would depend on the processor (README, Reproducibility).");
        }
        out.flush();
        return 0;
    }

    private void benchmark(PrintWriter out) {
        Env maze = EnvRegistry.standard().get("maze-3x7").make();
        int obsDim = maze.observationSpace().flatDim();
        int actions = maze.actionSpace().flatDim();
        maze.close();
        Mlp mlp = Mlp.create(new int[] {obsDim, 64, 64, actions}, Mlp.Activation.RELU, RngStream.of(1));
        out.printf(Locale.ROOT, "benchmark:    MLP %d-64-64-%d ReLU, forward+backward, %.1f s%n", obsDim, actions,
                benchSeconds);
        out.printf(Locale.ROOT, "  %6s %14s %16s%n", "batch", "us_per_call", "samples_per_s");
        long budgetNanos = (long) (benchSeconds * 1e9 / BATCHES.length);
        for (int batch : BATCHES) {
            INDArray input = Nd4j.rand(DataType.FLOAT, batch, obsDim);
            INDArray dOutput = Nd4j.ones(DataType.FLOAT, batch, actions);
            // Warm-up: the first calls at a batch size allocate the network's buffers.
            long warmEnd = System.nanoTime() + budgetNanos / 5;
            do {
                mlp.forward(input);
                mlp.backward(dOutput);
            } while (System.nanoTime() < warmEnd);
            long calls = 0;
            long start = System.nanoTime();
            long end = start + budgetNanos * 4 / 5;
            long now;
            do {
                mlp.forward(input);
                mlp.backward(dOutput);
                calls++;
                now = System.nanoTime();
            } while (now < end);
            double seconds = (now - start) / 1e9;
            out.printf(Locale.ROOT, "  %6d %14.1f %16.0f%n", batch, seconds / calls * 1e6, calls * batch / seconds);
            out.flush();
        }
    }

    private static String systemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.1f GiB free of %.1f GiB", gib(os.getFreeMemorySize()),
                    gib(os.getTotalMemorySize()));
        }
        return "unknown";
    }

    private static double gib(long bytes) {
        return bytes / (1024.0 * 1024 * 1024);
    }
}
