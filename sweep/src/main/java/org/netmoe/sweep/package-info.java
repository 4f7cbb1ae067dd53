/**
 * {@code netmoe sweep}: a sweep file (a base {@code train} or {@code experiment} config, seeds and
 * a grid of dotted-key values) expanded into tasks, run as an Apache Spark job (embedded
 * {@code local[*]} by default, a cluster with {@code --master} or {@code spark-submit}), each task in
 * its own run directory with checkpoints so that a retried task resumes, and aggregated into
 * {@code sweep.csv}, {@code summary.md} (mean ± 95 % CI over seeds) and learning-curve PNGs.
 */
package org.netmoe.sweep;
