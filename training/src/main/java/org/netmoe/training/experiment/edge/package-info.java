/**
 * The {@code edge-fig4} experiment (paper <i>moe-generative-ai-mobile-edge</i>, Sec. IV-D, Fig. 4–5):
 * discrete SAC on {@code edge-select} scored epoch by epoch against the random, benchmark and
 * upper-bound baselines on shared fresh tasks, with the reward curves, the mean/final bar chart and
 * a summary.
 */
package org.netmoe.training.experiment.edge;
