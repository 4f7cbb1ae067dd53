"""Bridge and CartPole benchmarks, both directions, in one run on one machine (README: Gymnasium).

    python/.venv/bin/python python/bench/bench_gym.py [--seconds 2] [--steps 50000]

1. Env steps/s: NetMoE's maze-3x7 natively in Java (``netmoe bench envs``) and from Python through the
   JPype bridge (one env; a vector env of 8 in one JVM call per step); Gymnasium's CartPole-v1
   natively in Python and from NetMoE through Python workers (``netmoe bench envs --env gym:CartPole-v1``).
2. CartPole-v1 training with the same PPO hyperparameters (configs/cartpole-ppo.yaml): NetMoE's ppo
   (``netmoe train``), Stable-Baselines3's PPO and a CleanRL-style PyTorch PPO (below), each for the
   same env-step budget: wall time, env steps/s and the greedy mean return over 20 episodes.
3. CartPole-v1 training with the same DQN hyperparameters (configs/cartpole-dqn.yaml, RL Zoo's tuned
   ones): NetMoE's dqn, SB3's DQN and a CleanRL-style PyTorch DQN (below), 50 000 env steps each: env
   steps/s of training (periodic evaluations excluded), steps to solve (the first evaluation, every
   5 000 env steps, whose greedy mean over 20 episodes is >= 475) and the final policy's greedy mean.

torch runs with one thread: with NetMoE's JVM in the process (JPype, part 1) its default threads failed
(README, "Use NetMoE envs from Python").
"""
import argparse
import copy
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
import torch.nn.functional as F

import netmoe_gym

ROOT = Path(__file__).resolve().parents[2]
PPO = dict(num_envs=4, rollout=128, minibatches=4, epochs=4, gamma=0.99, gae_lambda=0.95, clip=0.2, ent=0.01,
           vf=0.5, lr=2.5e-3, max_grad_norm=0.5, hidden=64)
# configs/cartpole-dqn.yaml = rl-baselines3-zoo hyperparams/dqn.yml, CartPole-v1. SB3 copies the target every
# target_update env steps; with train_freq 256 that is once right after each round of gradient_steps updates,
# which is NetMoE's targetUpdate {period: 128} (gradient steps). Huber loss (delta 1) and gradient norm 10 are
# SB3's DQN defaults and NetMoE's; no double DQN.
DQN = dict(steps=50_000, lr=2.3e-3, batch=64, buffer=100_000, learning_starts=1000, gamma=0.99, train_freq=256,
           gradient_steps=128, target_update=10, exploration_fraction=0.16, eps_end=0.04, hidden=256,
           max_grad_norm=10.0)
EVAL_EVERY, SOLVED = 5000, 475.0
TRAINED = re.compile(r"(\d+) env steps, \d+ episodes, ([0-9.]+) s \(\d+ steps/s\); greedy eval over 20 episodes: "
                     r"mean return ([0-9.]+)")


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
    # The workers import netmoe_gym from where this script found it (installed or on PYTHONPATH).
    package = str(Path(netmoe_gym.__file__).resolve().parents[1])
    env = dict(os.environ, NETMOE_PYTHON=sys.executable,
               PYTHONPATH=os.pathsep.join(p for p in (package, os.environ.get("PYTHONPATH")) if p))
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
    steps, seconds, greedy = TRAINED.search(out).groups()
    return int(steps), float(seconds), float(greedy)


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


class Evaluations:
    """Greedy evaluations every EVAL_EVERY env steps (20 episodes, the same seeds each time), timed apart."""

    def __init__(self):
        self.seconds, self.solved_at = 0.0, None

    def __call__(self, step, act):
        start = time.perf_counter()
        if self.solved_at is None and greedy_mean(act) >= SOLVED:
            self.solved_at = step
        self.seconds += time.perf_counter() - start


def train_netmoe_dqn():
    """Twice: without evaluations for the throughput, with them (train.evalEvery) for the steps to solve;
    evaluating does not change the training (EvalDuringTrainingTest)."""
    config = str(ROOT / "configs" / "cartpole-dqn.yaml")
    stamp = int(time.time())
    out = netmoe("train", "--config", config, "--set", "train.evalEvery=0",
                 "--run-dir", str(ROOT / "runs" / f"bench-cartpole-dqn-{stamp}"))
    steps, seconds, greedy = TRAINED.search(out).groups()
    run = ROOT / "runs" / f"bench-cartpole-dqn-eval-{stamp}"
    netmoe("train", "--config", config, "--set", f"train.evalEvery={EVAL_EVERY}", "--run-dir", str(run))
    solved = None
    for line in (run / "metrics.csv").read_text().splitlines()[1:]:
        step, metric, value = line.split(",")
        if metric == "eval/mean_return" and float(value) >= SOLVED:
            solved = int(step)
            break
    return int(steps), float(seconds), solved, float(greedy)


def train_sb3_dqn():
    from stable_baselines3 import DQN as SB3DQN
    from stable_baselines3.common.callbacks import BaseCallback
    p, evals = DQN, Evaluations()

    class Periodic(BaseCallback):
        def _on_step(self):
            if self.num_timesteps % EVAL_EVERY == 0:
                evals(self.num_timesteps, lambda o: int(self.model.predict(o, deterministic=True)[0]))
            return True

    model = SB3DQN("MlpPolicy", gym.make("CartPole-v1"), learning_rate=p["lr"], batch_size=p["batch"],
                   buffer_size=p["buffer"], learning_starts=p["learning_starts"], gamma=p["gamma"],
                   target_update_interval=p["target_update"], train_freq=p["train_freq"],
                   gradient_steps=p["gradient_steps"], exploration_fraction=p["exploration_fraction"],
                   exploration_final_eps=p["eps_end"], max_grad_norm=p["max_grad_norm"],
                   policy_kwargs=dict(net_arch=[p["hidden"], p["hidden"]]), seed=1, device="cpu")
    start = time.perf_counter()
    model.learn(p["steps"], callback=Periodic())
    seconds = time.perf_counter() - start - evals.seconds
    return model.num_timesteps, seconds, evals.solved_at, \
        greedy_mean(lambda o: int(model.predict(o, deterministic=True)[0]))


def train_cleanrl_dqn():
    """CleanRL's dqn.py loop (Huang et al. 2022), condensed, with SB3's DQN loss (Huber) and gradient clipping
    so that all three share the hyperparameters: epsilon schedule, act, step, store (the final observation of a
    truncated episode), train every train_freq steps, copy the target."""
    p, evals = DQN, Evaluations()
    torch.manual_seed(1)
    rng = np.random.default_rng(1)
    env = gym.make("CartPole-v1")
    h = p["hidden"]
    q = nn.Sequential(nn.Linear(4, h), nn.ReLU(), nn.Linear(h, h), nn.ReLU(), nn.Linear(h, 2))
    target = copy.deepcopy(q)
    opt = torch.optim.Adam(q.parameters(), lr=p["lr"])
    size = p["buffer"]
    obs_buf, next_buf = np.zeros((size, 4), np.float32), np.zeros((size, 4), np.float32)
    act_buf, rew_buf, term_buf = np.zeros(size, np.int64), np.zeros(size, np.float32), np.zeros(size, np.float32)
    greedy = lambda o: int(q(torch.tensor(o)).argmax())
    obs, _ = env.reset(seed=1)
    start = time.perf_counter()
    for step in range(1, p["steps"] + 1):
        eps = max(p["eps_end"], 1.0 - (1.0 - p["eps_end"]) * (step - 1) / (p["exploration_fraction"] * p["steps"]))
        if step <= p["learning_starts"] or rng.random() < eps:
            action = int(rng.integers(2))
        else:
            with torch.no_grad():
                action = greedy(obs)
        next_obs, reward, term, trunc, _ = env.step(action)
        i = (step - 1) % size
        obs_buf[i], next_buf[i], act_buf[i], rew_buf[i], term_buf[i] = obs, next_obs, action, reward, term
        obs = env.reset()[0] if term or trunc else next_obs  # the stored next_obs is the final one
        if step > p["learning_starts"] and step % p["train_freq"] == 0:
            for _ in range(p["gradient_steps"]):
                idx = rng.integers(0, min(step, size), p["batch"])
                with torch.no_grad():
                    y = torch.tensor(rew_buf[idx]) + p["gamma"] * target(torch.tensor(next_buf[idx])).max(1).values \
                        * (1.0 - torch.tensor(term_buf[idx]))
                current = q(torch.tensor(obs_buf[idx])).gather(1, torch.tensor(act_buf[idx]).unsqueeze(1)).squeeze(1)
                loss = F.smooth_l1_loss(current, y)
                opt.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(q.parameters(), p["max_grad_norm"])
                opt.step()
        if step % p["target_update"] == 0:
            target.load_state_dict(q.state_dict())
        if step % EVAL_EVERY == 0:
            with torch.no_grad():
                evals(step, greedy)
    seconds = time.perf_counter() - start - evals.seconds
    with torch.no_grad():
        return p["steps"], seconds, evals.solved_at, greedy_mean(greedy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="timed seconds per env measurement")
    parser.add_argument("--steps", type=int, default=50_000, help="CartPole PPO training budget in env steps")
    parser.add_argument("--parts", default="envs,ppo,dqn", help="which parts to run (comma-separated)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    torch.set_num_threads(1)
    if "envs" in parts:
        print("| env steps/s | |\n|---|---:|")
        for name, sps in bench_envs(args.seconds).items():
            print(f"| {name} | {sps:,.0f} |", flush=True)
    if "ppo" in parts:
        print(f"\n| CartPole-v1 PPO, {args.steps} env steps | env steps | seconds | env steps/s | greedy mean (20) |")
        print("|---|---:|---:|---:|---:|")
        results = {"NetMoE ppo": train_netmoe(args.steps), "SB3 PPO": train_sb3(args.steps),
                   "CleanRL-style PyTorch PPO": train_cleanrl(args.steps)}
        base = results["NetMoE ppo"][0] / results["NetMoE ppo"][1]
        for name, (steps, seconds, greedy) in results.items():
            sps = steps / seconds
            print(f"| {name} | {steps} | {seconds:.1f} | {sps:,.0f} ({sps / base:.2f}x NetMoE) | {greedy:.1f} |")
    if "dqn" in parts:
        print(f"\n| CartPole-v1 DQN, {DQN['steps']} env steps | env steps | seconds (evaluations excluded) | env steps/s "
              f"| steps to solve (eval every {EVAL_EVERY}) | final greedy mean (20) |")
        print("|---|---:|---:|---:|---:|---:|")
        results = {"NetMoE dqn": train_netmoe_dqn(), "SB3 DQN": train_sb3_dqn(),
                   "CleanRL-style PyTorch DQN": train_cleanrl_dqn()}
        base = results["NetMoE dqn"][0] / results["NetMoE dqn"][1]
        for name, (steps, seconds, solved, greedy) in results.items():
            sps = steps / seconds
            print(f"| {name} | {steps} | {seconds:.1f} | {sps:,.0f} ({sps / base:.2f}x NetMoE) | "
                  f"{solved if solved is not None else 'not solved'} | {greedy:.1f} |", flush=True)


if __name__ == "__main__":
    main()
