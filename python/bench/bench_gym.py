"""Bridge and CartPole benchmarks, both directions, in one run on one machine (README: Gymnasium).

    python/.venv/bin/python python/bench/bench_gym.py [--seconds 2] [--steps 50000]

1. Env steps/s: NetMoE's maze-3x7 natively in Java (``netmoe bench envs``) and from Python through the
   JPype bridge (one env; a vector env of 8 in one JVM call per step); Gymnasium's CartPole-v1
   natively in Python and from NetMoE through Python workers (``netmoe bench envs --env gym:CartPole-v1``).
2. CartPole-v1 training with the same PPO hyperparameters (configs/cartpole-ppo.yaml): NetMoE's ppo
   (``netmoe train``), Stable-Baselines3's PPO and a CleanRL-style PyTorch PPO (below), each for the
   same env-step budget: wall time, env steps/s and the greedy mean return over 20 episodes.
"""
import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn

import netmoe_gym

ROOT = Path(__file__).resolve().parents[2]
PPO = dict(num_envs=4, rollout=128, minibatches=4, epochs=4, gamma=0.99, gae_lambda=0.95, clip=0.2, ent=0.01,
           vf=0.5, lr=2.5e-3, max_grad_norm=0.5, hidden=64)


def steps_per_second(step, seconds):
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        done += step()
    return done / (time.perf_counter() - start)


def random_steps(env, rng, batch=256):
    """A timing step: ``batch`` random actions on ``env``, resetting finished episodes."""
    env.reset(seed=0)

    def step():
        for a in rng.integers(0, env.action_space.n, batch):
            _, _, terminated, truncated, _ = env.step(int(a))
            if terminated or truncated:
                env.reset()
        return batch
    return step


def netmoe(*args):
    env = dict(os.environ, NETMOE_PYTHON=sys.executable)
    return subprocess.run([str(ROOT / "netmoe"), *args], env=env, check=True, capture_output=True, text=True).stdout


def bench_envs(seconds):
    rows = {}
    csv = netmoe("bench", "envs", "--env", "maze-3x7,gym:CartPole-v1", "--num-envs", "8", "--seconds", str(seconds), "--csv")
    for line in csv.strip().splitlines()[1:]:
        env_id, mode, n, sps = line.split(",")[:4]
        rows[f"java {mode}{'' if mode == 'raw' else ' x' + n}: {env_id}"] = float(sps)

    rng = np.random.default_rng(0)
    rows["python via JPype: maze-3x7"] = steps_per_second(random_steps(netmoe_gym.NetMoeEnv("maze-3x7"), rng), seconds)
    vec = netmoe_gym.NetMoeVectorEnv("maze-3x7", num_envs=8)
    vec.reset(seed=0)

    def vec_step():
        for _ in range(32):
            vec.step(rng.integers(0, 4, 8))
        return 32 * 8
    rows["python via JPype vector x8: maze-3x7"] = steps_per_second(vec_step, seconds)
    rows["python native: CartPole-v1"] = steps_per_second(random_steps(gym.make("CartPole-v1"), rng), seconds)
    return rows


def greedy_mean(act, episodes=20, seed=1000):
    env = gym.make("CartPole-v1")
    returns = []
    for e in range(episodes):
        obs, _ = env.reset(seed=seed + e)
        total, done = 0.0, False
        while not done:
            obs, r, te, tr, _ = env.step(act(obs))
            total += r
            done = te or tr
        returns.append(total)
    return float(np.mean(returns))


def train_netmoe(steps):
    out = netmoe("train", "--config", str(ROOT / "configs" / "cartpole-ppo.yaml"), "--set", f"train.steps={steps}",
                 "--run-dir", str(ROOT / "runs" / f"bench-cartpole-ppo-{int(time.time())}"))
    m = re.search(r"(\d+) env steps, \d+ episodes, ([0-9.]+) s \(\d+ steps/s\); greedy eval over 20 episodes: "
                  r"mean return ([0-9.]+)", out)
    return int(m.group(1)), float(m.group(2)), float(m.group(3))


def train_sb3(steps):
    from stable_baselines3 import PPO as SB3PPO
    from stable_baselines3.common.env_util import make_vec_env
    envs = make_vec_env("CartPole-v1", n_envs=PPO["num_envs"], seed=1)
    model = SB3PPO("MlpPolicy", envs, n_steps=PPO["rollout"], batch_size=PPO["num_envs"] * PPO["rollout"] // PPO["minibatches"],
                   n_epochs=PPO["epochs"], gamma=PPO["gamma"], gae_lambda=PPO["gae_lambda"], clip_range=PPO["clip"],
                   ent_coef=PPO["ent"], vf_coef=PPO["vf"], learning_rate=PPO["lr"], max_grad_norm=PPO["max_grad_norm"],
                   policy_kwargs=dict(net_arch=[PPO["hidden"], PPO["hidden"]]), seed=1, device="cpu")
    start = time.perf_counter()
    model.learn(steps)
    seconds = time.perf_counter() - start
    return model.num_timesteps, seconds, greedy_mean(lambda o: int(model.predict(o, deterministic=True)[0]))


class Agent(nn.Module):
    def __init__(self, obs_dim, n_actions, h):
        super().__init__()
        self.critic = nn.Sequential(nn.Linear(obs_dim, h), nn.Tanh(), nn.Linear(h, h), nn.Tanh(), nn.Linear(h, 1))
        self.actor = nn.Sequential(nn.Linear(obs_dim, h), nn.Tanh(), nn.Linear(h, h), nn.Tanh(), nn.Linear(h, n_actions))


def train_cleanrl(steps):
    """CleanRL's ppo.py loop (Huang et al. 2022), condensed: rollout, GAE, clipped surrogate epochs."""
    p, n, t = PPO, PPO["num_envs"], PPO["rollout"]
    torch.manual_seed(1)
    envs = gym.vector.SyncVectorEnv([lambda: gym.make("CartPole-v1") for _ in range(n)],
                                    autoreset_mode=gym.vector.AutoresetMode.SAME_STEP)
    agent = Agent(4, 2, p["hidden"])
    opt = torch.optim.Adam(agent.parameters(), lr=p["lr"], eps=1e-5)
    obs_buf, act_buf = torch.zeros(t, n, 4), torch.zeros(t, n, dtype=torch.long)
    logp_buf, rew_buf, done_buf, val_buf = (torch.zeros(t, n) for _ in range(4))
    obs = torch.tensor(envs.reset(seed=1)[0], dtype=torch.float32)
    done = torch.zeros(n)
    start, global_step = time.perf_counter(), 0
    while global_step < steps:
        for i in range(t):
            global_step += n
            with torch.no_grad():
                dist = torch.distributions.Categorical(logits=agent.actor(obs))
                action = dist.sample()
                val_buf[i] = agent.critic(obs).flatten()
            obs_buf[i], act_buf[i], logp_buf[i], done_buf[i] = obs, action, dist.log_prob(action), done
            next_obs, reward, term, trunc, info = envs.step(action.numpy())
            reward = reward.astype(np.float32)
            if "final_obs" in info:  # truncated episodes bootstrap from their final observation
                for j in np.flatnonzero(trunc & ~term):
                    with torch.no_grad():
                        reward[j] += p["gamma"] * agent.critic(torch.tensor(info["final_obs"][j])).item()
            rew_buf[i] = torch.tensor(reward)
            obs, done = torch.tensor(next_obs, dtype=torch.float32), torch.tensor(term | trunc, dtype=torch.float32)
        with torch.no_grad():
            next_value, adv, last = agent.critic(obs).flatten(), torch.zeros(t, n), 0
            for i in reversed(range(t)):
                nonterminal = 1.0 - (done if i == t - 1 else done_buf[i + 1])
                nv = next_value if i == t - 1 else val_buf[i + 1]
                delta = rew_buf[i] + p["gamma"] * nv * nonterminal - val_buf[i]
                adv[i] = last = delta + p["gamma"] * p["gae_lambda"] * nonterminal * last
            ret = adv + val_buf
        b_obs, b_act, b_logp = obs_buf.reshape(-1, 4), act_buf.reshape(-1), logp_buf.reshape(-1)
        b_adv, b_ret = adv.reshape(-1), ret.reshape(-1)
        mb = n * t // p["minibatches"]
        for _ in range(p["epochs"]):
            for idx in torch.randperm(n * t).split(mb):
                dist = torch.distributions.Categorical(logits=agent.actor(b_obs[idx]))
                ratio = (dist.log_prob(b_act[idx]) - b_logp[idx]).exp()
                a = (b_adv[idx] - b_adv[idx].mean()) / (b_adv[idx].std() + 1e-8)
                pg = torch.max(-a * ratio, -a * ratio.clamp(1 - p["clip"], 1 + p["clip"])).mean()
                v = 0.5 * ((agent.critic(b_obs[idx]).flatten() - b_ret[idx]) ** 2).mean()
                loss = pg - p["ent"] * dist.entropy().mean() + p["vf"] * v
                opt.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), p["max_grad_norm"])
                opt.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        return global_step, seconds, greedy_mean(lambda o: int(agent.actor(torch.tensor(o)).argmax()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="timed seconds per env measurement")
    parser.add_argument("--steps", type=int, default=50_000, help="CartPole training budget in env steps")
    args = parser.parse_args()
    torch.set_num_threads(1)
    print("| env steps/s | |\n|---|---:|")
    for name, sps in bench_envs(args.seconds).items():
        print(f"| {name} | {sps:,.0f} |")
    print(f"\n| CartPole-v1 PPO, {args.steps} env steps | env steps | seconds | env steps/s | greedy mean (20) |")
    print("|---|---:|---:|---:|---:|")
    results = {"NetMoE ppo": train_netmoe(args.steps), "SB3 PPO": train_sb3(args.steps),
               "CleanRL-style PyTorch PPO": train_cleanrl(args.steps)}
    base = results["NetMoE ppo"][0] / results["NetMoE ppo"][1]
    for name, (steps, seconds, greedy) in results.items():
        sps = steps / seconds
        print(f"| {name} | {steps} | {seconds:.1f} | {sps:,.0f} ({sps / base:.2f}x NetMoE) | {greedy:.1f} |")


if __name__ == "__main__":
    main()
