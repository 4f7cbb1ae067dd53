/**
 * Versioned, verified, atomically written checkpoints of a run; the module knows nothing of
 * agents, envs or ND4J. An agent turns its snapshot records into named byte entries of a
 * {@link org.netmoe.checkpoints.Checkpoint} (with the step, counters, score and resolved config),
 * and a {@link org.netmoe.checkpoints.CheckpointStore} over the run's {@code checkpoints/}
 * directory writes, retains, lists and loads them.
 *
 * <h2>On-disk layout (format 1)</h2>
 * <pre>
 * checkpoints/
 *   .lock                          held (flock) by the one writer of the run
 *   step-000000012000/             one checkpoint; the step zero-padded to 12 digits
 *     manifest.json                format, formatVersion, step, createdAt, score, counters,
 *                                  metadata, and name/size/sha256 of config.yaml and each entry
 *     config.yaml                  the resolved run config (UTF-8)
 *     entries/dqn/online.params    entry "dqn/online.params": '/' in a name maps to a directory
 *   .tmp-12500-4711-3/             a write in progress, or left by a crash; never read
 *   step-000000010000.bad-1/       an invalid checkpoint whose step was written again; kept, never read
 * </pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Atomic.</b> A checkpoint is written into a {@code .tmp-*} directory, every file and
 *       directory is fsynced, then it is renamed to {@code step-<n>} and {@code checkpoints/} is
 *       fsynced. A process killed at any moment leaves the checkpoints it had saved plus either
 *       nothing or the complete new one under a final name (power loss is covered as far as the
 *       file system honours fsync). Retention deletes old checkpoints only after the new one is
 *       durable, and renames each to a {@code .tmp-*} name before deleting it. A writer opening
 *       the store deletes the {@code .tmp-*} directories left behind. One exception: saving a
 *       step that already has a directory (a resumed run) moves the old one aside first, so a
 *       crash between the two renames loses that step's old copy, never an earlier step.</li>
 *   <li><b>Verified.</b> Loading checks that the manifest parses, that its format version is at
 *       most {@link org.netmoe.checkpoints.Checkpoint#CURRENT_FORMAT} ("checkpoint format 3,
 *       this build reads up to 1"), that its step matches the directory name, and that every
 *       file exists with the recorded size and SHA-256. Failures throw
 *       {@link org.netmoe.checkpoints.InvalidCheckpointException} naming the directory and the
 *       entry.</li>
 *   <li><b>Nothing lost silently.</b> {@code latestValid()} falls back to the newest checkpoint
 *       that verifies, logging why each newer one was skipped; {@code list()} reports every
 *       checkpoint with its status. The store never deletes or overwrites an invalid checkpoint:
 *       saving its step again (a resumed run) first renames it to {@code step-<n>.bad-<k>}.</li>
 *   <li><b>Retention.</b> After each save, the {@code checkpoint.keep} valid checkpoints of
 *       highest step and the valid one of highest score are kept.</li>
 * </ul>
 */
package org.netmoe.checkpoints;
