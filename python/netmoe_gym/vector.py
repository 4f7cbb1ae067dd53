"""N copies of a NetMoE env as a ``gymnasium.vector.VectorEnv`` stepped in one JVM call."""
import jpype
import numpy as np
from gymnasium import spaces
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from netmoe_gym import _jvm


class NetMoeVectorEnv(VectorEnv):
    """``num_envs`` copies of NetMoE env ``netmoe_id`` over NetMoE's ``VectorEnv``.

    Auto-reset is NetMoE's, which is Gymnasium's same-step mode: when copy ``i`` finishes, row ``i`` of
    the returned observations is already the next episode's first observation, and
    ``infos["final_obs"][i]`` (mask ``infos["_final_obs"]``) holds the finished episode's last one.
    ``infos`` carries each copy's step info (for a finished copy its final step's, repeated in
    ``infos["final_info"]``). Seeding is NetMoE's: ``reset(seed=s)`` seeds copy ``i`` with
    ``deriveSeed(s, "env/" + i)``; the first reset without a seed uses seed 0; later unseeded resets
    continue every copy's RNG stream.
    """

    metadata = {"autoreset_mode": AutoresetMode.SAME_STEP, "render_modes": []}

    def __init__(self, netmoe_id: str, num_envs: int = 1, **kwargs):
        bridge = _jvm.bridge()
        self.netmoe_id = netmoe_id
        self._envs = _jvm.call(bridge.makeVector, netmoe_id, _jvm.make_kwargs_json(kwargs), int(num_envs))
        self.num_envs = int(num_envs)
        self.single_observation_space, self.single_action_space = _jvm.spaces_of(self._envs)
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self._shape = (self.num_envs,) + self.single_observation_space.shape
        self._discrete = isinstance(self.single_action_space, spaces.Discrete)
        self._action_dim = int(np.prod(self.single_action_space.shape)) if not self._discrete else 1
        self._unpacker = _jvm.StepUnpacker(self._envs, self.num_envs)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        seeded, java_seed = _jvm.java_seed(seed)
        obs = _jvm.call(self._envs.reset, seeded, java_seed)
        return np.array(obs, dtype=np.float32).reshape(self._shape), {}

    def step(self, actions):
        n = self.num_envs
        if self._discrete:
            a = jpype.JArray(jpype.JInt)(np.asarray(actions, dtype=np.int32).reshape(n))
            packed = _jvm.call(self._envs.step, a)
        else:
            a = jpype.JArray(jpype.JFloat)(np.asarray(actions, dtype=np.float32).reshape(-1))
            packed = _jvm.call(self._envs.step, a, self._action_dim)
        rewards, terminated, truncated, raw_info, obs = self._unpacker.unpack(packed)
        infos = {}
        for k, row in raw_info.items():
            infos[k] = np.nan_to_num(row, nan=0.0)
            infos["_" + k] = ~np.isnan(row)
        done = terminated | truncated
        if done.any():
            final_obs = np.full(n, None, dtype=object)
            for i in np.flatnonzero(done):
                final_obs[i] = np.array(self._envs.finalObservation(int(i)), dtype=np.float32).reshape(
                    self.single_observation_space.shape)
            infos["final_info"] = dict(infos)
            infos["_final_info"] = done
            infos["final_obs"], infos["_final_obs"] = final_obs, done
        return obs.reshape(self._shape), rewards, terminated, truncated, infos

    def close_extras(self, **kwargs):
        if getattr(self, "_envs", None) is not None:
            self._envs.close()
            self._envs = None
