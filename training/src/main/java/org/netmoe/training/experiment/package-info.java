/**
 * The paper experiments ({@code netmoe experiment FILE}) and what they share. Each experiment binds
 * its whole config into one validated record before any work ({@link
 * org.netmoe.training.experiment.ExperimentConfigs}: the file merged over the experiment's defaults
 * resource {@code <id>.defaults.yaml}), trains or reuses its sub-runs
 * ({@link org.netmoe.training.experiment.ExpertCatalogue}), builds its gates from config
 * ({@link org.netmoe.training.experiment.GateFactory} over a
 * {@link org.netmoe.training.experiment.CombinerSpec}; the configured weights checked up front by
 * {@link org.netmoe.training.experiment.ConfiguredGates}), and writes typed result rows
 * ({@link org.netmoe.training.report.Rows}) as CSV and Markdown.
 */
package org.netmoe.training.experiment;
