/**
 * Restorable random streams: a run's root seed split into named streams whose exact state can be
 * saved and restored for bit-identical resume.
 */
package org.netmoe.core.rng;
