"""The in-process JVM (JPype) and the conversions shared by the single and the vector env.

The JVM's classpath is NetMoE's ``gym`` module and its dependencies, as listed by Maven in
``<home>/gym/target/classpath.txt``. ``<home>`` is, in this order: the ``NETMOE_HOME`` environment
variable; the checkout this package was installed from (recorded by ``pip install ./python``); the
checkout around this source file (editable installs). ``-Xmx`` etc. can be given in
``NETMOE_BRIDGE_JVM_OPTS`` (default ``-Xmx2g``).
"""
import glob
import json
import os
from pathlib import Path

import jpype
import numpy as np
from gymnasium import spaces

from netmoe_gym import _home

BUILD = "mvn -B -q -DskipTests package -pl gym -am"


class NetMoEError(ValueError):
    """NetMoE rejected an input (env id, parameter, action); the message is NetMoE's one line."""


def netmoe_home() -> Path:
    """The NetMoE checkout whose jars the bridge runs."""
    if os.environ.get("NETMOE_HOME"):
        return Path(os.environ["NETMOE_HOME"])
    if _home.HOME:
        return Path(_home.HOME)
    return Path(__file__).resolve().parent.parent.parent


def bridge():
    """The Java class ``org.netmoe.gym.GymBridge``, starting the JVM on first use."""
    if not jpype.isJVMStarted():
        home = netmoe_home()
        cp_file = home / "gym" / "target" / "classpath.txt"
        jars = sorted(glob.glob(str(home / "gym" / "target" / "netmoe-gym-*.jar")))
        if not cp_file.is_file() or not jars:
            raise NetMoEError(f"NetMoE's Java bridge is not built in {home} (no gym/target/classpath.txt): "
                              f"run `{BUILD}` there, or set NETMOE_HOME to a built checkout")
        classpath = [jars[0]] + cp_file.read_text().strip().split(os.pathsep)
        opts = os.environ.get("NETMOE_BRIDGE_JVM_OPTS", "-Xmx2g").split()
        jpype.startJVM(*opts, classpath=classpath, convertStrings=True)
    return jpype.JClass("org.netmoe.gym.GymBridge")


def call(fn, *args):
    """``fn(*args)`` with a Java exception turned into one Python line (NetMoEError for bad input)."""
    try:
        return fn(*args)
    except jpype.JException as e:
        message = str(e.getMessage()) if e.getMessage() is not None else e.getClass().getSimpleName()
        if isinstance(e, jpype.JClass("java.lang.IllegalArgumentException")):
            raise NetMoEError(message) from None
        raise RuntimeError(f"NetMoE: {e.getClass().getSimpleName()}: {message}") from None


def make_kwargs_json(kwargs: dict) -> str:
    try:
        return json.dumps(kwargs, default=_json_default)
    except TypeError as e:
        raise NetMoEError(f"kwargs: {e}") from None


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot pass {type(value).__name__} {value!r} to NetMoE (numbers, strings, lists, dicts only)")


def spaces_of(java_env):
    """(observation space, action space) of a BridgeEnv or BridgeVectorEnv, mapped exactly."""
    s = json.loads(str(java_env.spacesJson()))
    return _space(s["observation"]), _space(s["action"])


def _space(s):
    if s["type"] == "discrete":
        return spaces.Discrete(s["n"])
    if s["type"] == "multi_discrete":
        return spaces.MultiDiscrete(np.array(s["nvec"], dtype=np.int64))
    shape = tuple(s["shape"])
    low = np.array([float(v) for v in s["low"]], dtype=np.float32).reshape(shape)
    high = np.array([float(v) for v in s["high"]], dtype=np.float32).reshape(shape)
    return spaces.Box(low=low, high=high, shape=shape, dtype=np.float32)


def java_seed(seed):
    """(seeded, seed) for Java. NetMoE seeds are Java longs, Gymnasium's are >= 0: a seed in
    [2^63, 2^64) is the long seed - 2^64 (two's complement), so every NetMoE seed has a Gymnasium one."""
    if seed is None:
        return False, 0
    if not 0 <= int(seed) < 2**64:
        raise NetMoEError(f"seed must be in [0, 2^64), was {seed}")
    seed = int(seed)
    return True, seed - 2**64 if seed >= 2**63 else seed


class StepUnpacker:
    """Reads the flat array a Java step returns (layout: org.netmoe.gym.StepPacker) for ``n`` envs."""

    def __init__(self, java_env, n: int):
        self._java_env = java_env
        self._n = n
        self._keys = []

    def unpack(self, packed):
        """(rewards, terminated, truncated, {key: values of the n envs, NaN where absent}, flat observations)."""
        p = np.array(packed)
        n = self._n
        if p[3 * n] > 0.5:
            self._keys = list(self._java_env.infoKeys())
        k = int(p[3 * n + 1])
        head = 3 * n + 2
        values = p[head:head + k * n].reshape(k, n)
        info = dict(zip(self._keys, values))
        obs = p[head + k * n:].astype(np.float32)
        return p[:n], p[n:2 * n] > 0.5, p[2 * n:3 * n] > 0.5, info, obs
