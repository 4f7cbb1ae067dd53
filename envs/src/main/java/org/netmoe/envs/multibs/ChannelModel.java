package org.netmoe.envs.multibs;

import java.util.List;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.netmoe.core.rng.RngStream;

/**
 * Where {@code multi-bs} takes its UEs and channels from: the built-in {@link GeometricChannel} or
 * a DeepMIMO scenario ({@link DeepMimoChannel}). The channel is a fixed function of the UE location.
 */
public interface ChannelModel {
    /** The channels {@code H_u [bsPorts, ueAntennas]} from a UE at {@code (x, y)} (metres) to every BS. */
    List<FieldMatrix<Complex>> channels(double x, double y);

    /** Draws a UE location {x, y} in metres from {@code rng}. */
    double[] drawUe(RngStream rng);

    /** The bounding box {xMin, yMin, xMax, yMax} of UE locations (normalizes the observation). */
    double[] area();

    /** Whether {@code (x, y)} is a location this model can give channels for (checked on restore). */
    boolean hasUe(double x, double y);
}
