package org.netmoe.envs.multibs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/** Numeric variables of MATLAB .mat files, read with MFL; every error names the file and the variable. */
final class MatFiles {
    private MatFiles() {
    }

    /** A numeric matrix: {@code rows × cols}, values column-major. */
    record Numeric(Path file, String variable, int rows, int cols, double[] values) {
        double get(int row, int col) {
            return values[col * rows + row];
        }

        /** The single value of a scalar variable. */
        double scalar() {
            if (values.length != 1) {
                throw malformed("expected a scalar, found " + rows + "x" + cols);
            }
            return values[0];
        }

        IllegalArgumentException malformed(String what) {
            return new IllegalArgumentException("DeepMIMO file " + file + ", variable " + variable + ": " + what);
        }
    }

    /**
     * The numeric variable {@code variable} of {@code file}.
     *
     * @throws IllegalArgumentException if the file does not exist, cannot be read as a MAT-file, or lacks the variable
     *                                  or it is not a real numeric matrix
     */
    static Numeric read(Path file, String variable) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("DeepMIMO file not found: " + file + " (needed for variable " + variable
                    + ")");
        }
        MatFile mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            // The file exists: a failure here is a damaged or non-MAT file, reported as bad input.
            throw new IllegalArgumentException("DeepMIMO file " + file + " could not be read as a MAT-file (looking for "
                    + variable + "): " + e.getMessage(), e);
        }
        try (mat) {
            List<String> names = new ArrayList<>();
            for (MatFile.Entry e : mat.getEntries()) {
                names.add(e.getName());
            }
            if (!names.contains(variable)) {
                throw new IllegalArgumentException("DeepMIMO file " + file + " has no variable " + variable
                        + " (found " + names + ")");
            }
            if (!(mat.getArray(variable) instanceof Matrix m) || m.isComplex() || m.getNumDimensions() != 2) {
                throw new IllegalArgumentException("DeepMIMO file " + file + ", variable " + variable
                        + " is not a real 2-D numeric matrix");
            }
            double[] v = new double[m.getNumElements()];
            for (int i = 0; i < v.length; i++) {
                v[i] = m.getDouble(i);
            }
            return new Numeric(file, variable, m.getNumRows(), m.getNumCols(), v);
        } catch (IOException e) {
            throw new UncheckedIOException("closing DeepMIMO file " + file, e);
        }
    }
}
