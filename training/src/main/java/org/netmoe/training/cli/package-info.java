/** The picocli command line behind {@code ./netmoe}: list, train, nsp-curves, bench. */
package org.netmoe.training.cli;
