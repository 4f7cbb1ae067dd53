package org.netmoe.envs.multibs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrices of DeepMIMO v4's NumPy {@code .npz} files (what {@code np.savez_compressed} writes, DeepMIMO's default
 * format since 4.0.0: a zip, usually deflated, of {@code <variable>.npy} entries), read with the JDK's zip support and
 * ND4J's {@code .npy} reader (ND4J's own npz reader handles only uncompressed entries); every error names the file
 * and the variable, as {@link MatFiles} does for {@code .mat}.
 */
final class DeepMimoNpz {
    /** The start of every {@code .npy} file. */
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /**
     * The header of an {@code .npy} that NetMoE reads: little-endian float32/float64, in C order or (as NumPy saves an
     * array that came from a MAT-file) Fortran order.
     */
    private static final Pattern HEADER = Pattern.compile(
            "'descr':\\s*'<f[48]',\\s*'fortran_order':\\s*(False|True)");

    private DeepMimoNpz() {
    }

    /**
     * The 2-D array {@code variable} of {@code file}.
     *
     * @throws IllegalArgumentException if the file cannot be read as {@code .npz} or lacks the variable, or it is not
     *                                  a 2-D little-endian float array
     */
    static MatFiles.Numeric read(Path file, String variable) {
        byte[] npy;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(variable + ".npy");
            if (entry == null) {
                List<String> names = new ArrayList<>();
                zip.stream().forEach(e -> names.add(e.getName()));
                throw new IllegalArgumentException("DeepMIMO file " + file + " has no array " + variable + " (found "
                        + names + ")");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                npy = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("DeepMIMO file " + file + " could not be read as NumPy .npz (looking"
                    + " for " + variable + "): " + e.getMessage(), e);
        }
        String header = new String(npy, 0, Math.min(npy.length, 256), StandardCharsets.ISO_8859_1);
        Matcher h = HEADER.matcher(header);
        if (npy.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(npy, MAGIC.length), MAGIC) || !h.find()) {
            throw new IllegalArgumentException("DeepMIMO file " + file + ", variable " + variable + " is not a"
                    + " little-endian float32/float64 .npy array");
        }
        INDArray a = Nd4j.createNpyFromByteArray(npy);
        if (a.rank() != 2) {
            throw new IllegalArgumentException("DeepMIMO file " + file + ", variable " + variable
                    + " is not a 2-D array (shape " + Arrays.toString(a.shape()) + ")");
        }
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        // ND4J lays the data out in C order whatever the header says, so this is the file's own element order.
        double[] stored = a.castTo(DataType.DOUBLE).ravel().toDoubleVector();
        if (h.group(1).equals("True")) {
            return new MatFiles.Numeric(file, variable, rows, cols, stored); // Fortran order is column-major
        }
        double[] values = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                values[c * rows + r] = stored[r * cols + c]; // column-major, as MatFiles.Numeric holds values
            }
        }
        return new MatFiles.Numeric(file, variable, rows, cols, values);
    }
}
