/**
 * {@code multibs-fig12} (survey Sec. V-A, Fig. 12, Table VII): a DQN selects the cooperative BS set
 * and a diffusion policy generates the precoder, trained by behaviour cloning on the exhaustive-search
 * precoder, as an actor against a double critic of the sum rate, or both ({@code diffusion.training}); the four denoiser architectures of Table VII are compared over several seeds.
 */
package org.netmoe.training.experiment.multibs;
