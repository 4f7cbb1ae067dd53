"""A real peer: Stable-Baselines3's PPO learns NetMoE's maze through the bridge."""
import gymnasium as gym
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env

TASK = {"task": ["goal", "trap"]}


def test_sb3_ppo_reaches_the_goal_greedily_on_the_shortest_path():
    torch.set_num_threads(1)
    envs = make_vec_env("netmoe/maze-3x7-v0", n_envs=4, seed=1, env_kwargs=TASK)
    model = PPO("MlpPolicy", envs, n_steps=128, batch_size=128, learning_rate=3e-3, ent_coef=0.01, seed=1,
                device="cpu")
    model.learn(12_288)
    env = gym.make("netmoe/maze-3x7-v0", **TASK)
    obs, _ = env.reset(seed=0)
    episode_return, terminated, truncated = 0.0, False, False
    while not (terminated or truncated):
        action, _ = model.predict(obs, deterministic=True)
        obs, reward, terminated, truncated, info = env.step(action)
        episode_return += reward
    # Start (0,0) to goal (5,0) avoiding the trap: 5 moves at step cost -0.01, then +1.
    assert info["success"] == 1.0 and info["trap"] == 0.0
    assert info["steps"] == 5.0
    assert abs(episode_return - 0.95) < 1e-9
    envs.close()
