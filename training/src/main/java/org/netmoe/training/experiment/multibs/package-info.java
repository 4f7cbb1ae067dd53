/**
 * {@code multibs-fig12} (survey Sec. V-A, Fig. 12, Table VII): every UE of a fixed location grid is served by its
 * exhaustive-search BS set, the same for every architecture, and a diffusion policy generates the precoder, trained
 * by behaviour cloning on the exhaustive-search precoder, as an actor against a double critic of the sum rate, or
 * both ({@code diffusion.training}); the four denoiser architectures of Table VII are compared on the grid's
 * held-out users over several seeds, with 95 % intervals.
 */
package org.netmoe.training.experiment.multibs;
