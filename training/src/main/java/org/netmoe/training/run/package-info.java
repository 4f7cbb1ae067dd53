/**
 * Training runs: agent registry and trainers, the run directory (resolved config, provenance,
 * log, metrics) and progress reporting.
 */
package org.netmoe.training.run;
