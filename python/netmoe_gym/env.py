"""One NetMoE env as a ``gymnasium.Env``."""
import gymnasium as gym
import jpype
import numpy as np
from gymnasium import spaces

from netmoe_gym import _jvm


class NetMoeEnv(gym.Env):
    """NetMoE env ``netmoe_id`` with parameters ``kwargs`` (its config record's fields).

    Seeding keeps NetMoE's contract: ``reset(seed=s)`` re-seeds the env's RNG with ``s`` (the same
    seed gives the same episode as in NetMoE), ``reset()`` continues the RNG stream, and an env never
    seeded behaves as if seeded with 0. ``info`` carries NetMoE's numeric extras (``success``,
    oracle and optimum values, ...) as floats. Observations are float32 arrays of the observation
    space's shape; actions are ints (Discrete) or arrays (Box, MultiDiscrete).
    """

    metadata = {"render_modes": []}

    def __init__(self, netmoe_id: str, render_mode=None, **kwargs):
        if render_mode is not None:
            # TypeError, as for any keyword an env does not take (SB3's make_vec_env then retries without it).
            raise TypeError(f"render_mode: NetMoE envs do not render, was {render_mode!r}")
        bridge = _jvm.bridge()
        self.netmoe_id = netmoe_id
        self._env = _jvm.call(bridge.make, netmoe_id, _jvm.make_kwargs_json(kwargs))
        self.observation_space, self.action_space = _jvm.spaces_of(self._env)
        self._shape = self.observation_space.shape
        self._discrete = isinstance(self.action_space, spaces.Discrete)
        self._float_array = jpype.JArray(jpype.JFloat)
        self._unpacker = _jvm.StepUnpacker(self._env, 1)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        seeded, java_seed = _jvm.java_seed(seed)
        obs = _jvm.call(self._env.reset, seeded, java_seed)
        info = dict(zip(self._env.resetInfoKeys(), np.array(self._env.resetInfoValues()).tolist()))
        return np.array(obs, dtype=np.float32).reshape(self._shape), info

    def step(self, action):
        if self._discrete:
            packed = _jvm.call(self._env.step, int(action))
        else:
            packed = _jvm.call(self._env.step, self._float_array(np.asarray(action, dtype=np.float32).ravel()))
        reward, terminated, truncated, info, obs = self._unpacker.unpack(packed)
        info = {k: float(v[0]) for k, v in info.items()}
        return obs.reshape(self._shape), float(reward[0]), bool(terminated[0]), bool(truncated[0]), info

    def close(self):
        if getattr(self, "_env", None) is not None:
            self._env.close()
            self._env = None
