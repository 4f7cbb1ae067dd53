package org.netmoe.training.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * Which GPUs ND4J 1.0.0-M2.1's CUDA backend ({@code nd4j-cuda-11.6}) can run on, and a probe of the CUDA
 * libraries it loads, made before ND4J initialises so that {@code netmoe doctor} can say why it cannot
 * run instead of failing with ND4J's "no backend" error.
 *
 * <p>The facts come from {@code scripts/check-cuda-binary.py}, which reads the published
 * {@code libnd4jcuda.so}: its {@code .nv_fatbin} section holds SASS (cubins) for {@link #SASS_ARCHS}
 * and no PTX. The rule applied is CUDA's binary compatibility (CUDA C++ Programming Guide, "Binary
 * Compatibility"; LLVM's OpenMP CUDA plugin checks the same): a cubin built for compute capability X.y
 * runs only on devices of compute capability X.z with z &ge; y, never across a major version; a GPU with
 * no such cubin needs PTX, which the driver JIT-compiles ("Application Compatibility"), and this binary
 * has none. So Ada (sm_89) runs the sm_86 cubins, and Hopper (sm_90) and Blackwell (sm_100, sm_120) run
 * nothing. The driver is CUDA 11 minor version compatibility's: 450.80.02 or newer (NVIDIA, "CUDA
 * Compatibility").
 */
final class CudaSupport {

    /** The architectures ({@code sm_XY} as {@code 10 * X + Y}) {@code libnd4jcuda.so} carries SASS for. */
    static final List<Integer> SASS_ARCHS = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);

    private static final Pattern MISSING_LIBRARY = Pattern.compile("([\\w.+-]+\\.so[.\\d]*): cannot open shared object");
    private static final int ATTR_COMPUTE_MAJOR = 75; // cudaDevAttrComputeCapabilityMajor
    private static final int ATTR_COMPUTE_MINOR = 76; // cudaDevAttrComputeCapabilityMinor

    private CudaSupport() {
    }

    /**
     * The SASS architecture the driver would run on a device of compute capability {@code major.minor}:
     * the newest one of the same major version and a minor version not above the device's; empty when
     * there is none (and, with no PTX, the device cannot run ND4J's kernels).
     */
    static OptionalInt sassFor(int major, int minor) {
        return SASS_ARCHS.stream().mapToInt(Integer::intValue)
                .filter(arch -> arch / 10 == major && arch % 10 <= minor).max();
    }

    /** Why a device cannot run ND4J's CUDA kernels, as {@code netmoe doctor} prints it; empty when it can. */
    static Optional<String> unsupportedReason(int index, String name, int major, int minor) {
        if (sassFor(major, minor).isPresent()) {
            return Optional.empty();
        }
        String sm = "sm_" + major + minor;
        return Optional.of(String.format(Locale.ROOT, "error: cuda device %d (%s, %s) cannot run ND4J 1.0.0-M2.1's CUDA kernels:"
                + " libnd4jcuda.so has SASS for %s only, none that runs on %s (SASS runs only on its own major"
                + " compute capability), and no PTX to JIT-compile; use a GPU of sm_37 to sm_86, or the CPU"
                + " backend (build without -Pcuda).", index, name, sm, archList(), sm));
    }

    /**
     * The shared library the dynamic loader could not find, from a link error or one of its causes (JavaCPP
     * throws "no jnicudart in java.library.path" caused by "libjnicudart.so: libcuda.so.1: cannot open shared
     * object file").
     */
    static Optional<String> missingLibrary(Throwable linkError) {
        for (Throwable t = linkError; t != null; t = t.getCause()) {
            Matcher m = MISSING_LIBRARY.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** What to do about a CUDA library the backend could not load, as {@code netmoe doctor} prints it. */
    static String missingLibraryAdvice(String library) {
        if (library.startsWith("libcuda.so")) {
            return "cuda runtime: cannot load " + library + ", the NVIDIA driver's library: install the NVIDIA"
                    + " driver (450.80.02 or newer runs CUDA 11.x libraries); without a GPU use the CPU backend"
                    + " (build without -Pcuda).";
        }
        return "cuda runtime: cannot load " + library + ": the CUDA 11.6 libraries come with -Pcuda"
                + " (org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist); rebuild with"
                + " NETMOE_MAVEN_ARGS=-Pcuda, or install CUDA 11.6 and put its lib64 on LD_LIBRARY_PATH.";
    }

    /** A CUDA device as the CUDA runtime reports it, before ND4J initialises. */
    record Gpu(int index, String name, int major, int minor) {
    }

    /**
     * What the CUDA runtime says before ND4J initialises: the devices, or why the libraries that ND4J's
     * CUDA backend loads (CUDA runtime, cuBLAS, cuSOLVER through their JavaCPP bindings) did not load.
     */
    record Probe(List<Gpu> gpus, Optional<String> failure) {

        /** Whether ND4J's CUDA backend can run here: the libraries loaded and some device has SASS for it. */
        boolean runnable() {
            return failure.isEmpty() && gpus.stream().anyMatch(g -> sassFor(g.major(), g.minor()).isPresent());
        }

        /** One line for each reason a device, or the whole backend, cannot run; empty when nothing stops it. */
        List<String> problems() {
            if (failure.isPresent()) {
                return List.of(failure.get());
            }
            if (gpus.isEmpty()) {
                return List.of("cuda devices: none found by the CUDA runtime; use the CPU backend (build without"
                        + " -Pcuda).");
            }
            return gpus.stream().flatMap(g -> unsupportedReason(g.index(), g.name(), g.major(), g.minor()).stream())
                    .toList();
        }
    }

    /** Whether this build carries the CUDA backend ({@code -Pcuda}) rather than the CPU one. */
    static boolean cudaBackendOnClasspath() {
        return loadable("org.nd4j.linalg.jcublas.JCublasBackend");
    }

    /** Loads the CUDA libraries as ND4J's backend would and lists the devices; call only on a CUDA build. */
    static Probe probe() {
        try {
            Class<?> cudart = load("org.bytedeco.cuda.global.cudart");
            load("org.bytedeco.cuda.global.cublas");
            load("org.bytedeco.cuda.global.cusolver");
            int[] count = {0};
            int status = (int) cudart.getMethod("cudaGetDeviceCount", int[].class).invoke(null, (Object) count);
            if (status != 0) {
                return new Probe(List.of(), Optional.of("cuda runtime: cudaGetDeviceCount failed: "
                        + errorString(cudart, status)));
            }
            Method attribute = cudart.getMethod("cudaDeviceGetAttribute", int[].class, int.class, int.class);
            Class<?> propClass = Class.forName("org.bytedeco.cuda.cudart.cudaDeviceProp");
            Method properties = cudart.getMethod("cudaGetDeviceProperties", propClass, int.class);
            List<Gpu> gpus = new ArrayList<>();
            for (int d = 0; d < count[0]; d++) {
                int[] major = {0};
                int[] minor = {0};
                attribute.invoke(null, major, ATTR_COMPUTE_MAJOR, d);
                attribute.invoke(null, minor, ATTR_COMPUTE_MINOR, d);
                Object prop = propClass.getConstructor().newInstance();
                properties.invoke(null, prop, d);
                String name = ((BytePointer) propClass.getMethod("name").invoke(prop)).getString();
                gpus.add(new Gpu(d, name, major[0], minor[0]));
            }
            return new Probe(List.copyOf(gpus), Optional.empty());
        } catch (UnsatisfiedLinkError e) {
            return new Probe(List.of(), Optional.of(missingLibrary(e)
                    .map(CudaSupport::missingLibraryAdvice)
                    .orElse("cuda runtime: the CUDA libraries did not load: " + e.getMessage())));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("probing the CUDA runtime", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("probing the CUDA runtime: the JavaCPP CUDA bindings"
                    + " (org.bytedeco:cuda 11.6-8.3-1.5.7) are not the expected ones", e);
        }
    }

    private static Class<?> load(String className) throws ClassNotFoundException {
        Class<?> c = Class.forName(className, false, CudaSupport.class.getClassLoader());
        Loader.load(c); // its JNI library and the CUDA libraries that one needs; throws UnsatisfiedLinkError
        return c;
    }

    private static String errorString(Class<?> cudart, int status) throws ReflectiveOperationException {
        Object text = cudart.getMethod("cudaGetErrorString", int.class).invoke(null, status);
        return (text instanceof BytePointer p ? p.getString() : String.valueOf(text)) + " (error " + status + ")";
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, CudaSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String archList() {
        return SASS_ARCHS.stream().map(a -> "sm_" + a).collect(Collectors.joining(" "));
    }
}
