/** The picocli command line behind {@code ./netmoe}: list, train, experiment, resume, eval, inspect, nsp-curves, bench, doctor (and the {@link org.netmoe.training.cli.ExtraCommand}s on the classpath, e.g. sweep). */
package org.netmoe.training.cli;
