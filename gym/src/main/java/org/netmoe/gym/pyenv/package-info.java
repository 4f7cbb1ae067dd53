/**
 * Gymnasium envs written in Python, trained by NetMoE: env ids {@code gym:CartPole-v1} (any id
 * {@code gymnasium.make} knows) and {@code gym:my_module:MyEnv} (a {@code gymnasium.Env} class of the
 * user's). Each {@link org.netmoe.gym.pyenv.PythonEnv} runs one env in its own Python worker process
 * ({@code python -m netmoe_gym.worker}, from the package in {@code python/}) and speaks the binary
 * protocol documented in that module over the worker's stdin and stdout: one request, one reply, per
 * reset and step. A {@link org.netmoe.envs.VectorEnv} of N such envs steps its N workers concurrently: it
 * sends every step request ({@link org.netmoe.envs.EpisodicEnv#beginStep}) before it reads the first reply.
 *
 * <p><b>Seeding.</b> {@code PythonEnv} is an {@link org.netmoe.envs.EpisodicEnv}: every reset draws the
 * Python env's {@code reset(seed=...)} from NetMoE's RNG stream, so a run's episodes follow from its
 * root seed. <b>Termination and truncation</b> are the Python env's (its {@code TimeLimit} truncates).
 * <b>Checkpoints</b> hold the Python env pickled whole (its state is the user's: exact resume when the
 * env pickles, as Gymnasium's pure-Python envs do; an env that cannot be pickled fails the checkpoint
 * with Python's one-line reason). <b>Failures</b> (a Python exception, a worker that died) reach
 * NetMoE as one line; closing the env ends its worker, and a worker whose NetMoE went away sees its
 * stdin close and exits.
 */
package org.netmoe.gym.pyenv;
