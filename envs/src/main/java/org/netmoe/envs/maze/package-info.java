/**
 * The {@code maze-3x7} env of paper <i>llm-enabled-moe-network-optimization</i> (Sec. II, Fig. 3,
 * Fig. 5; SPEC §2.2): a walker on a 7x3 grid with a goal, a prize and a trap, solving a
 * {@link org.netmoe.envs.maze.MazeTask} (a set of {@link org.netmoe.envs.maze.Objective}s: the
 * experts' single objectives and the composite evaluation tasks).
 * {@link org.netmoe.envs.maze.MazeEnv} documents the exact reward, termination, observation and
 * success rules; {@link org.netmoe.envs.maze.MazeConfig} the parameters and their defaults;
 * {@link org.netmoe.envs.maze.MazeMetrics} accumulates success rate, steps to success and return;
 * {@link org.netmoe.envs.maze.MazePaths} gives breadth-first shortest paths for tests and oracles.
 */
package org.netmoe.envs.maze;
