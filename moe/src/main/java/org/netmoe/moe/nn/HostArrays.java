package org.netmoe.moe.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between Java {@code float[]} and contiguous float INDArrays without allocating an
 * INDArray. Small per-row work (TD targets, argmax, ε-greedy) is cheaper in a Java loop than as
 * ND4J ops; these copies are the bridge. On the CUDA backend they synchronise host and device
 * through the affinity manager; on CPU those calls do nothing.
 */
public final class HostArrays {
    /**
     * Whether ND4J runs on its CPU backend ({@code nd4j-native}), decided once. There the data of an
     * INDArray already lives in host memory, so elementwise work on small arrays is cheaper as a Java
     * loop over a bulk copy than as one ND4J op (whose per-call overhead is ~5–60 µs); this is why
     * {@link KernelPath#HOST} is the default there, and allowed nowhere else.
     */
    static final boolean CPU_BACKEND = Nd4j.getBackend().getClass().getName().contains("Cpu");

    /** Per thread: {@link #read} and {@link #write} calls so far (see {@link #copies()}). */
    private static final ThreadLocal<long[]> COPIES = ThreadLocal.withInitial(() -> new long[1]);

    private HostArrays() {
    }

    /** Whether {@code a} is a float array that {@link #read}/{@link #write} accept. */
    static boolean isContiguousFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && (a.ordering() == 'c' || a.rank() <= 1);
    }

    /**
     * Copies all of {@code src} (contiguous, row-major, float) into {@code dst[0 .. src.length())}.
     *
     * @throws IllegalArgumentException if {@code src} is not contiguous float or {@code dst} is too short
     */
    public static void read(INDArray src, float[] dst) {
        hostBuffer(src, dst.length).get(dst, 0, (int) src.length());
    }

    /**
     * Copies {@code src[0 .. dst.length())} into {@code dst} (contiguous, row-major, float).
     *
     * @throws IllegalArgumentException if {@code dst} is not contiguous float or {@code src} is too short
     */
    public static void write(float[] src, INDArray dst) {
        hostBuffer(dst, src.length).put(src, 0, (int) dst.length());
        Nd4j.getAffinityManager().tagLocation(dst, AffinityManager.Location.HOST);
    }

    /**
     * Counts one copy, checks {@code a} against a host array of {@code hostLength} floats, brings its data to the
     * host (a synchronisation on CUDA) and returns its buffer positioned at its first element.
     */
    private static FloatBuffer hostBuffer(INDArray a, int hostLength) {
        COPIES.get()[0]++;
        checkContiguous(a, hostLength);
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        FloatBuffer fb = a.data().asNioFloat();
        fb.position((int) a.offset());
        return fb;
    }

    /**
     * Rows {@code [from, to)} of {@code stacked} (contiguous row-major float {@code [rows, cols]}) as a view that
     * is itself contiguous row-major, so {@link #read}, {@link #write} and the host kernels accept it. (ND4J
     * marks a row-interval view of a one-column array column-major, though its memory is the same.) Stacking
     * arrays that cross together lets one copy serve several of them.
     *
     * @throws IllegalArgumentException if {@code stacked} is not contiguous row-major float or the rows are out of range
     */
    public static INDArray rowBlock(INDArray stacked, long from, long to) {
        if (stacked.rank() != 2 || from < 0 || to <= from || to > stacked.rows()) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + stacked.shapeInfoToString());
        }
        long cols = stacked.columns();
        return matrix(stacked, from * cols, to - from, cols);
    }

    /**
     * A contiguous row-major view {@code [rows, cols]} of {@code flat}'s elements {@code [offset, offset +
     * rows·cols)}, where {@code flat} is any contiguous row-major float array: how differently shaped arrays
     * share one buffer that crosses in one copy.
     *
     * @throws IllegalArgumentException if {@code flat} is not contiguous row-major float or too short
     */
    public static INDArray matrix(INDArray flat, long offset, long rows, long cols) {
        if (!isContiguousFloat(flat) || offset < 0 || rows <= 0 || cols <= 0 || offset + rows * cols > flat.length()) {
            throw new IllegalArgumentException("[" + rows + ", " + cols + "] at " + offset + " of "
                    + flat.shapeInfoToString());
        }
        return Nd4j.create(flat.data(), new long[] {rows, cols}, new long[] {cols, 1}, flat.offset() + offset, 'c',
                DataType.FLOAT);
    }

    /**
     * A contiguous vector view {@code [length]} of {@code flat}'s elements {@code [offset, offset + length)}, where
     * {@code flat} is any contiguous row-major float array.
     *
     * @throws IllegalArgumentException if {@code flat} is not contiguous row-major float or too short
     */
    public static INDArray vector(INDArray flat, long offset, long length) {
        if (!isContiguousFloat(flat) || offset < 0 || length <= 0 || offset + length > flat.length()) {
            throw new IllegalArgumentException("[" + length + "] at " + offset + " of " + flat.shapeInfoToString());
        }
        return Nd4j.create(flat.data(), new long[] {length}, new long[] {1}, flat.offset() + offset, 'c',
                DataType.FLOAT);
    }

    /**
     * How many {@link #read}/{@link #write} calls the calling thread has made: each is a host↔device
     * transfer on a GPU backend. Tests take the difference around a forward or backward to pin how many
     * copies a step makes on {@link KernelPath#ND4J}, so that a new one is caught.
     */
    public static long copies() {
        return COPIES.get()[0];
    }

    private static void checkContiguous(INDArray a, int hostLength) {
        if (a.dataType() != DataType.FLOAT || a.elementWiseStride() != 1 || a.ordering() != 'c' && a.rank() > 1) {
            throw new IllegalArgumentException("expected a contiguous row-major float array, was "
                    + a.dataType() + " " + a.shapeInfoToString());
        }
        long n = a.length();
        if (n > hostLength) {
            throw new IllegalArgumentException("host array of " + hostLength + " floats is shorter than " + n);
        }
    }
}
