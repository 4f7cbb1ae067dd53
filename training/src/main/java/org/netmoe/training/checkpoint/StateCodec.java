package org.netmoe.training.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.netmoe.checkpoints.Checkpoint;
import org.netmoe.moe.nn.AdamState;
import org.netmoe.moe.nn.NetworkState;

/**
 * Big-endian binary layouts of the snapshot records (no Java serialization, no reflection). A
 * {@code .params} entry is a bare float32 array in the network's flat layout, so its bytes are
 * what {@code params_sha256} hashes; every other entry is written field by field through
 * {@link Out} and read back, with its length checked, through {@link In}. Public for the runs that
 * checkpoint state of their own (an experiment's replay, curve and progress).
 */
public final class StateCodec {
    private StateCodec() {
    }

    /** Parameters as bare big-endian float32. */
    public static byte[] params(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
        buf.asFloatBuffer().put(values);
        return buf.array();
    }

    /**
     * The floats of {@code .params} entry {@code name}, which must hold {@code expected} of them.
     *
     * @throws IllegalArgumentException naming the entry when the count differs
     */
    public static float[] params(Checkpoint c, String name, int expected) {
        byte[] bytes = c.entry(name);
        if (bytes.length != 4L * expected) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' holds " + bytes.length / 4
                    + " parameters, the run's network has " + expected);
        }
        float[] values = new float[expected];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }

    /** {@code template}'s architecture with the parameters of entry {@code name}. */
    public static NetworkState network(Checkpoint c, String name, NetworkState template) {
        return new NetworkState(template.layerSizes(), template.hiddenActivation(),
                params(c, name, template.parameters().length));
    }

    public static byte[] adam(AdamState s) {
        Out out = new Out();
        out.longValue(s.step());
        out.floats(s.m());
        out.floats(s.v());
        return out.bytes();
    }

    public static AdamState adam(Checkpoint c, String name) {
        In in = new In(c, name);
        AdamState s = new AdamState(in.longValue(), in.floats(), in.floats());
        in.end();
        return s;
    }

    /** A growing entry. */
    public static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        public Out intValue(int v) {
            return write(o -> o.writeInt(v));
        }

        public Out longValue(long v) {
            return write(o -> o.writeLong(v));
        }

        public Out doubleValue(double v) {
            return longValue(Double.doubleToRawLongBits(v));
        }

        public Out floats(float[] a) {
            intValue(a.length);
            return write(o -> {
                for (float f : a) {
                    o.writeFloat(f);
                }
            });
        }

        public Out ints(int[] a) {
            intValue(a.length);
            for (int v : a) {
                intValue(v);
            }
            return this;
        }

        /** The length, then one byte per value: 1 for true, 0 for false ({@link DataOutputStream#writeBoolean}). */
        public Out booleans(boolean[] a) {
            byte[] bits = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                bits[i] = (byte) (a[i] ? 1 : 0);
            }
            return bytes(bits);
        }

        public Out bytes(byte[] a) {
            intValue(a.length);
            return write(o -> o.write(a));
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }

        private Out write(Write w) {
            try {
                w.to(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        @FunctionalInterface
        private interface Write {
            void to(DataOutputStream out) throws IOException;
        }
    }

    /** Reads an entry back; a short, overlong or malformed entry is an error naming it. */
    public static final class In {
        private final String name;
        private final DataInputStream in;

        public In(Checkpoint c, String name) {
            this.name = name;
            this.in = new DataInputStream(new ByteArrayInputStream(c.entry(name)));
        }

        public int intValue() {
            return read(DataInputStream::readInt);
        }

        public long longValue() {
            return read(DataInputStream::readLong);
        }

        public double doubleValue() {
            return Double.longBitsToDouble(longValue());
        }

        public float[] floats() {
            float[] a = new float[length(4)];
            return read(i -> {
                for (int k = 0; k < a.length; k++) {
                    a[k] = i.readFloat();
                }
                return a;
            });
        }

        public int[] ints() {
            int[] a = new int[length(4)];
            for (int i = 0; i < a.length; i++) {
                a[i] = intValue();
            }
            return a;
        }

        public boolean[] booleans() {
            byte[] bits = bytes();
            boolean[] a = new boolean[bits.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = bits[i] != 0;
            }
            return a;
        }

        public byte[] bytes() {
            int n = length(1);
            return read(i -> i.readNBytes(n));
        }

        /** Checks and returns the format version written first by every structured entry. */
        public int format(int newest) {
            int format = intValue();
            if (format < 1 || format > newest) {
                throw new IllegalArgumentException("checkpoint entry '" + name + "' has format " + format
                        + ", this build reads up to " + newest);
            }
            return format;
        }

        /** Checks that the whole entry was read. */
        public void end() {
            int trailing = read(DataInputStream::available);
            if (trailing != 0) {
                throw new IllegalArgumentException("checkpoint entry '" + name + "' has " + trailing
                        + " unexpected trailing bytes");
            }
        }

        private int length(int elementBytes) {
            int n = intValue();
            if (n < 0 || (long) n * elementBytes > read(DataInputStream::available)) {
                throw truncated();
            }
            return n;
        }

        /** Runs {@code r}: an entry that ends too early is truncated, any other I/O failure unchecked. */
        private <T> T read(Read<T> r) {
            try {
                return r.from(in);
            } catch (EOFException e) {
                throw truncated();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private IllegalArgumentException truncated() {
            return new IllegalArgumentException("checkpoint entry '" + name + "' is truncated");
        }

        @FunctionalInterface
        private interface Read<T> {
            T from(DataInputStream in) throws IOException;
        }
    }
}
