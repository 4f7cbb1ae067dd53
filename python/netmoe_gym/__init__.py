"""NetMoE's envs as Gymnasium envs.

Importing this package registers every built-in NetMoE env with Gymnasium as ``netmoe/<id>-v0``::

    import gymnasium as gym
    import netmoe_gym  # noqa: F401  (registers the ids)
    env = gym.make("netmoe/maze-3x7-v0", task=["goal", "trap"])
    envs = gym.make_vec("netmoe/maze-3x7-v0", num_envs=8, vectorization_mode="vector_entry_point")

Keyword arguments are the env's NetMoE parameters (the ``env.params`` of a config file), validated by
NetMoE; a bad one raises :class:`NetMoEError` with NetMoE's one-line message. The JVM runs in this
process (JPype) and is started on the first make; see :mod:`netmoe_gym._jvm` for how the jars are found.
"""
import gymnasium

from netmoe_gym._jvm import NetMoEError
from netmoe_gym.env import NetMoeEnv
from netmoe_gym.vector import NetMoeVectorEnv

#: NetMoE's built-in env ids (EnvRegistry.standard()); a test checks this list against the Java registry.
NETMOE_IDS = ("maze-3x7", "nsp-power", "edge-select", "dmoe-select", "multi-bs")


def gym_id(netmoe_id: str) -> str:
    """The Gymnasium id under which NetMoE env ``netmoe_id`` is registered."""
    return f"netmoe/{netmoe_id}-v0"


for _id in NETMOE_IDS:
    if gym_id(_id) not in gymnasium.registry:
        gymnasium.register(
            id=gym_id(_id),
            entry_point="netmoe_gym.env:NetMoeEnv",
            vector_entry_point="netmoe_gym.vector:NetMoeVectorEnv",
            kwargs={"netmoe_id": _id},
            # NetMoE's envs truncate at their own maxEpisodeSteps; Gymnasium adds no second limit.
            max_episode_steps=None,
            disable_env_checker=False,
        )

__all__ = ["NETMOE_IDS", "NetMoEError", "NetMoeEnv", "NetMoeVectorEnv", "gym_id"]
