package org.netmoe.moe.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads named float arrays (network parameter vectors, a log-std vector, …) as a small
 * versioned binary file: magic {@code NMPF}, format version, entry count, then per entry its name
 * and floats (big-endian). A policy file is the parameters an agent needs to act; its structure
 * comes from the run's resolved config. Writes go to a temporary file renamed into place, so a
 * crash never leaves a half-written file under the final name.
 */
public final class ParameterFile {
    /** The format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x4E4D5046; // "NMPF"
    private static final int MAX_FLOATS = 1 << 28;

    private ParameterFile() {
    }

    /** Writes {@code arrays} (in their iteration order) to {@code file} atomically. */
    public static void write(Path file, Map<String, float[]> arrays) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(arrays.size());
            for (Map.Entry<String, float[]> e : arrays.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a file written by {@link #write}, entries in their written order.
     *
     * @throws IOException naming the file when it is missing, truncated, not a parameter file, or of
     *                     a newer format version
     */
    public static Map<String, float[]> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a NetMoE parameter file");
            }
            int version = in.readInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IOException(file + ": parameter file format " + version + ", this build reads up to "
                        + FORMAT_VERSION);
            }
            int count = in.readInt();
            if (count < 0 || count > 1024) {
                throw new IOException(file + ": corrupt entry count " + count);
            }
            Map<String, float[]> arrays = new LinkedHashMap<>();
            for (int k = 0; k < count; k++) {
                String name = in.readUTF();
                int n = in.readInt();
                if (n < 0 || n > MAX_FLOATS) {
                    throw new IOException(file + ": corrupt length " + n + " of entry " + name);
                }
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = in.readFloat();
                }
                arrays.put(name, values);
            }
            if (in.read() != -1) {
                throw new IOException(file + ": trailing bytes after the last entry");
            }
            return arrays;
        } catch (NoSuchFileException e) {
            throw new IOException("parameter file not found: " + file, e);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    /**
     * Copies entry {@code name} of {@code arrays} into {@code network}'s parameters.
     *
     * @throws IOException naming the file and entry when it is missing or has another length
     */
    public static void load(Map<String, float[]> arrays, String name, Network network, Path file) throws IOException {
        float[] values = entry(arrays, name, file);
        if (values.length != network.numParams()) {
            throw new IOException(file + ": entry " + name + " has " + values.length + " parameters, the network "
                    + network.numParams() + " (does the run's config match the file?)");
        }
        HostArrays.write(values, network.parameters());
    }

    /**
     * Entry {@code name}.
     *
     * @throws IOException naming the file, the missing entry and the ones present
     */
    public static float[] entry(Map<String, float[]> arrays, String name, Path file) throws IOException {
        float[] values = arrays.get(name);
        if (values == null) {
            throw new IOException(file + " has no entry " + name + "; it has " + arrays.keySet());
        }
        return Arrays.copyOf(values, values.length);
    }
}
