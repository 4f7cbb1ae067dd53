"""The Python side of ``gym:`` envs in NetMoE: one Gymnasium env served over stdin/stdout.

NetMoE (module gym, ``org.netmoe.gym.pyenv.PythonEnv``) starts ``python -m netmoe_gym.worker`` per env
and speaks this binary protocol over the pipes (big-endian; ``str`` = u32 byte length + UTF-8;
``floats`` = u32 count + that many f32; ``info`` = u32 count + (str key, f64 value) pairs, the numeric
scalar entries of the env's info dict). Each request is one op byte and its payload; each reply is a
status byte, 0 (then the op's answer) or 1 (then one str: the error, one line):

* ``M`` str JSON ``{"id": ..., "kwargs": {...}}`` -> str JSON spaces ``{"observation": ..., "action": ...}``.
  ``id`` is a Gymnasium id (``CartPole-v1``, made with ``gymnasium.make(id, **kwargs)``) or
  ``module:Class`` (``Class(**kwargs)``, a ``gymnasium.Env``).
* ``R`` i64 seed -> floats observation, info            (``env.reset(seed=seed)``)
* ``S`` u8 kind (0: i32 index, 1: floats vector) -> floats observation, f64 reward, u8 terminated,
  u8 truncated, info
* ``G`` -> u32 length + bytes: the env pickled (its whole state, for NetMoE's checkpoints)
* ``P`` u32 length + bytes -> (nothing): the env replaced by the unpickled one
* ``C`` -> (nothing), then the worker exits. It also exits when stdin closes (NetMoE's JVM ended).

Observations must be a Box (sent flattened, float32). stdout carries only the protocol: the env's own
prints are sent to stderr.
"""
import importlib
import json
import pickle
import struct
import sys

import gymnasium
import numpy as np
from gymnasium import spaces


def _read(stream, n):
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def _str(text):
    data = text.encode("utf-8")
    return struct.pack(">I", len(data)) + data


def _floats(values):
    arr = np.asarray(values, dtype=">f4").ravel()
    return struct.pack(">I", arr.size) + arr.tobytes()


def _info(info):
    items = [(str(k), float(v)) for k, v in info.items()
             if isinstance(v, (bool, int, float, np.bool_, np.integer, np.floating))]
    return struct.pack(">I", len(items)) + b"".join(_str(k) + struct.pack(">d", v) for k, v in items)


def _space(space):
    if isinstance(space, spaces.Discrete):
        if int(space.start) != 0:
            raise ValueError(f"Discrete spaces must start at 0 for NetMoE, was {space}")
        return {"type": "discrete", "n": int(space.n)}
    if isinstance(space, spaces.MultiDiscrete):
        return {"type": "multi_discrete", "nvec": [int(n) for n in np.asarray(space.nvec).ravel()]}
    if isinstance(space, spaces.Box):
        def bounds(a):
            return [("inf" if v > 0 else "-inf") if np.isinf(v) else float(v)
                    for v in np.asarray(a, dtype=np.float32).ravel()]
        return {"type": "box", "low": bounds(space.low), "high": bounds(space.high), "shape": list(space.shape)}
    raise ValueError(f"space {space} is not supported by NetMoE (Box, Discrete or MultiDiscrete)")


def _make(spec):
    env_id, kwargs = spec["id"], spec.get("kwargs") or {}
    if ":" in env_id:
        module, _, name = env_id.partition(":")
        cls = getattr(importlib.import_module(module), name)
        env = cls(**kwargs)
        if not isinstance(env, gymnasium.Env):
            raise TypeError(f"{env_id} is not a gymnasium.Env")
        return env
    return gymnasium.make(env_id, **kwargs)


def _one_line(e):
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0] if text else ''}".rstrip(": ")


def serve(inp, out):
    env = None
    while True:
        try:
            op = inp.read(1)
        except (OSError, ValueError):
            return
        if not op:
            return
        try:
            if op == b"M":
                n, = struct.unpack(">I", _read(inp, 4))
                env = _make(json.loads(_read(inp, n)))
                if not isinstance(env.observation_space, spaces.Box):
                    raise ValueError(f"observation space {env.observation_space} is not supported by NetMoE (Box only)")
                reply = _str(json.dumps({"observation": _space(env.observation_space),
                                         "action": _space(env.action_space)}))
            elif op == b"R":
                seed, = struct.unpack(">q", _read(inp, 8))
                obs, info = env.reset(seed=seed)
                reply = _floats(obs) + _info(info)
            elif op == b"S":
                kind = _read(inp, 1)
                if kind == b"\x00":
                    action, = struct.unpack(">i", _read(inp, 4))
                else:
                    n, = struct.unpack(">I", _read(inp, 4))
                    action = np.frombuffer(_read(inp, 4 * n), dtype=">f4").astype(np.float32)
                    if not isinstance(env.action_space, spaces.Box):
                        action = action.astype(np.int64)
                obs, reward, terminated, truncated, info = env.step(action)
                reply = (_floats(obs) + struct.pack(">dBB", float(reward), bool(terminated), bool(truncated))
                         + _info(info))
            elif op == b"G":
                data = pickle.dumps(env)
                reply = struct.pack(">I", len(data)) + data
            elif op == b"P":
                n, = struct.unpack(">I", _read(inp, 4))
                env = pickle.loads(_read(inp, n))
                reply = b""
            elif op == b"C":
                if env is not None:
                    env.close()
                out.write(b"\x00")
                out.flush()
                return
            else:
                raise ValueError(f"unknown op {op!r}")
            out.write(b"\x00" + reply)
        except EOFError:
            return
        except Exception as e:  # every failure of the env goes back to NetMoE as one line
            out.write(b"\x01" + _str(_one_line(e)))
        out.flush()


def main():
    out = sys.stdout.buffer
    # The protocol owns stdout; anything the env prints goes to stderr.
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
