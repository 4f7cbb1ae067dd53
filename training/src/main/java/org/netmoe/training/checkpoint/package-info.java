/**
 * The agents' snapshot records as named checkpoint entries ({@link org.netmoe.training.checkpoint.DqnEntries},
 * {@link org.netmoe.training.checkpoint.PpoEntries}, {@link org.netmoe.training.checkpoint.SacEntries},
 * {@link org.netmoe.training.checkpoint.DiffusionEntries}),
 * written field by field in big-endian binary with a format number per structured entry, and the
 * {@code params_sha256} that {@code netmoe inspect} prints ({@link org.netmoe.training.checkpoint.ParamsHash}).
 */
package org.netmoe.training.checkpoint;
