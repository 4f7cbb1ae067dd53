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

/**
 * Saves and loads a {@link NetworkState} as a small versioned binary file: magic {@code NMNN},
 * format version, layer sizes, hidden activation, then the flat float parameters (big-endian).
 * Writes go to a temporary file that is renamed into place, so a crash never leaves a half file.
 */
public final class NetworkStateFile {
    /** The format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final int MAGIC = 0x4E4D4E4E; // "NMNN"

    private NetworkStateFile() {
    }

    /** Writes {@code state} to {@code file} atomically. */
    public static void write(Path file, NetworkState state) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            int[] sizes = state.layerSizes();
            out.writeInt(sizes.length);
            for (int s : sizes) {
                out.writeInt(s);
            }
            out.writeUTF(state.hiddenActivation().name());
            float[] p = state.parameters();
            out.writeInt(p.length);
            for (float v : p) {
                out.writeFloat(v);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @throws IOException naming the file when it is missing, truncated, not a network file, of a
     *                     newer format version, or inconsistent
     */
    public static NetworkState read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a NetMoE network file");
            }
            int version = in.readInt();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IOException(file + ": network file format " + version + ", this build reads up to "
                        + FORMAT_VERSION);
            }
            int layers = in.readInt();
            if (layers < 2 || layers > 1024) {
                throw new IOException(file + ": corrupt layer count " + layers);
            }
            int[] sizes = new int[layers];
            for (int i = 0; i < layers; i++) {
                sizes[i] = in.readInt();
            }
            Mlp.Activation activation = Mlp.Activation.valueOf(in.readUTF());
            int n = in.readInt();
            if (n < 0 || n > 1 << 28) {
                throw new IOException(file + ": corrupt parameter count " + n);
            }
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = in.readFloat();
            }
            if (in.read() != -1) {
                throw new IOException(file + ": trailing bytes after the parameters");
            }
            return new NetworkState(sizes, activation, p);
        } catch (NoSuchFileException e) {
            throw new IOException("network file not found: " + file, e);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is inconsistent: " + e.getMessage(), e);
        }
    }
}
