/** Throughput benchmarks behind {@code netmoe bench}: figures reported as rates measured in one process. */
package org.netmoe.training.bench;
