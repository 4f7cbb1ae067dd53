import gymnasium as gym
import jpype
import pytest

import netmoe_gym


@pytest.fixture
def java_registry():
    """NetMoE's own EnvRegistry, reached through the bridge's JVM, to compare the Python side against."""
    netmoe_gym._jvm.bridge()
    return jpype.JClass("org.netmoe.envs.EnvRegistry").standard()


@pytest.fixture
def make():
    """gymnasium.make that closes what it made at the end of the test."""
    made = []

    def _make(netmoe_id, **kwargs):
        env = gym.make(netmoe_gym.gym_id(netmoe_id), **kwargs)
        made.append(env)
        return env

    yield _make
    for env in made:
        env.close()
