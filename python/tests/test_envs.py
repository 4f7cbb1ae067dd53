"""NetMoE's envs through the bridge: Gymnasium's checker, exact spaces, NetMoE's seeding and info."""
import warnings

import gymnasium as gym
import jpype
import numpy as np
import pytest
from gymnasium import spaces
from gymnasium.utils.env_checker import check_env

import netmoe_gym


def test_registered_ids_are_netmoes_built_in_envs(java_registry):
    assert list(netmoe_gym.NETMOE_IDS) == [str(i) for i in java_registry.ids()]
    for netmoe_id in netmoe_gym.NETMOE_IDS:
        assert netmoe_gym.gym_id(netmoe_id) in gym.registry


@pytest.mark.parametrize("netmoe_id", netmoe_gym.NETMOE_IDS)
def test_gymnasium_env_checker_passes_without_warnings(netmoe_id, make):
    env = make(netmoe_id)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(env.unwrapped)


@pytest.mark.parametrize("netmoe_id", netmoe_gym.NETMOE_IDS)
def test_spaces_map_exactly(netmoe_id, make, java_registry):
    env = make(netmoe_id)
    java = java_registry.get(netmoe_id).make()
    box = java.observationSpace()
    assert env.observation_space.dtype == np.float32
    assert env.observation_space.shape == tuple(box.shape())
    np.testing.assert_array_equal(env.observation_space.low.ravel(), np.array(box.low(), dtype=np.float32))
    np.testing.assert_array_equal(env.observation_space.high.ravel(), np.array(box.high(), dtype=np.float32))
    action = java.actionSpace()
    if isinstance(env.action_space, spaces.Discrete):
        assert env.action_space.n == action.n()
    else:
        assert isinstance(env.action_space, spaces.MultiDiscrete)
        assert env.action_space.nvec.tolist() == list(action.nvec())
    java.close()


def _java_episode(java_env, seed, actions):
    Action = jpype.JClass("org.netmoe.envs.space.Action")
    obs = [np.array(java_env.reset(seed).observation())]
    rewards = []
    for a in actions:
        s = java_env.step(Action.of(jpype.JInt(a)))
        obs.append(np.array(s.observation()))
        rewards.append(s.reward())
        if s.done():
            break
    return obs, rewards


def _python_episode(env, seed, actions):
    obs = [env.reset(seed=seed)[0]]
    rewards = []
    for a in actions:
        o, r, terminated, truncated, _ = env.step(a)
        obs.append(o)
        rewards.append(r)
        if terminated or truncated:
            break
    return obs, rewards


def test_reset_with_seed_replays_netmoes_own_episode(make, java_registry):
    # nsp-power draws user conditions from the env's RNG: the seed decides the episode.
    env = make("nsp-power")
    actions = np.random.default_rng(0).integers(0, env.action_space.n, size=40).tolist()
    py_obs, py_rewards = _python_episode(env, 17, actions)
    java_obs, java_rewards = _java_episode(java_registry.get("nsp-power").make(), 17, actions)
    np.testing.assert_array_equal(np.array(py_obs), np.array(java_obs, dtype=np.float32))
    assert py_rewards == java_rewards
    other_obs, _ = _python_episode(env, 18, actions)
    assert not np.array_equal(np.array(py_obs), np.array(other_obs))


def test_never_seeded_env_behaves_as_seeded_with_zero_and_unseeded_reset_continues_the_stream(make):
    first = make("nsp-power")
    second = make("nsp-power")
    unseeded = [first.reset()[0] for _ in range(3)]
    seeded = [second.reset(seed=0)[0]] + [second.reset()[0] for _ in range(2)]
    np.testing.assert_array_equal(np.array(unseeded), np.array(seeded))
    assert not np.array_equal(unseeded[0], unseeded[1])


def test_info_carries_netmoes_oracle_extras(make):
    env = make("nsp-power")
    _, info = env.reset(seed=3)
    assert {"optimal_action", "optimal_utility", "qos"} <= info.keys()
    assert 0 <= info["optimal_action"] < env.action_space.n
    _, _, _, _, info = env.step(int(info["optimal_action"]))
    assert all(isinstance(v, float) for v in info.values())


def test_multi_discrete_actions_step(make):
    env = make("multi-bs")
    env.reset(seed=1)
    obs, reward, _, _, _ = env.step(env.action_space.sample())
    assert env.observation_space.contains(obs)
    assert np.isfinite(reward)


def test_vector_env_steps_copies_seeded_as_netmoes_vector_env_with_same_step_autoreset():
    n, seed = 3, 11
    kwargs = {"task": ["goal", "trap"], "randomStart": True, "maxEpisodeSteps": 6}
    envs = gym.make_vec("netmoe/maze-3x7-v0", num_envs=n, vectorization_mode="vector_entry_point", **kwargs)
    assert isinstance(envs.unwrapped, netmoe_gym.NetMoeVectorEnv)
    derive = jpype.JClass("org.netmoe.core.rng.RngStream").deriveSeed
    singles = [gym.make("netmoe/maze-3x7-v0", **kwargs) for _ in range(n)]
    obs, _ = envs.reset(seed=seed)
    for i, env in enumerate(singles):
        np.testing.assert_array_equal(obs[i], env.reset(seed=int(derive(seed, f"env/{i}")) % 2**64)[0])
    rng = np.random.default_rng(5)
    finished = 0
    for _ in range(40):
        actions = rng.integers(0, 4, size=n)
        obs, rewards, terminated, truncated, infos = envs.step(actions)
        for i, env in enumerate(singles):
            o, r, te, tr, info = env.step(int(actions[i]))
            assert (rewards[i], terminated[i], truncated[i]) == (r, te, tr)
            assert infos["success"][i] == info["success"]
            if te or tr:
                finished += 1
                assert infos["_final_obs"][i]
                np.testing.assert_array_equal(infos["final_obs"][i], o)
                o, _ = env.reset()
            np.testing.assert_array_equal(obs[i], o)
    assert finished > n  # truncation at 6 steps: every copy auto-reset at least once
    envs.close()
    for env in singles:
        env.close()
