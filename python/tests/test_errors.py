"""Bad input reaches the Python caller as one clear line, naming what was wrong."""
import gymnasium as gym
import pytest

import netmoe_gym
from netmoe_gym import NetMoEError


def _one_line(excinfo):
    message = str(excinfo.value)
    assert "\n" not in message
    return message


def test_bad_parameter_value_is_netmoes_one_line_naming_the_field():
    with pytest.raises(NetMoEError) as e:
        gym.make("netmoe/maze-3x7-v0", task=["goal", "nope"])
    assert _one_line(e) == "maze-3x7: kwargs.task must contain only [goal, prize, trap], was [goal, nope]"


def test_unknown_parameter_lists_the_allowed_ones():
    with pytest.raises(NetMoEError) as e:
        gym.make("netmoe/maze-3x7-v0", widht=3)
    message = _one_line(e)
    assert message.startswith("maze-3x7: kwargs.widht: unknown field; allowed fields here: [")
    assert "width" in message


def test_wrongly_typed_parameter_names_the_expected_type():
    with pytest.raises(NetMoEError) as e:
        gym.make("netmoe/nsp-power-v0", maxEpisodeSteps="many")
    assert "kwargs.maxEpisodeSteps" in _one_line(e)


def test_parameter_python_cannot_pass_is_rejected_before_java():
    with pytest.raises(NetMoEError) as e:
        gym.make("netmoe/maze-3x7-v0", start=object())
    assert _one_line(e).startswith("kwargs: cannot pass object")


def test_unknown_netmoe_id_lists_the_registered_ones():
    with pytest.raises(NetMoEError) as e:
        netmoe_gym.NetMoeEnv("maze-9x9")
    assert _one_line(e).startswith("unknown env id 'maze-9x9'; registered: [maze-3x7, nsp-power")


def test_unknown_gymnasium_id_is_gymnasiums_one_line():
    with pytest.raises(gym.error.NameNotFound) as e:
        gym.make("netmoe/maze-9x9-v0")
    assert "maze-9x9" in _one_line(e)


def test_action_outside_the_space_is_netmoes_one_line():
    env = gym.make("netmoe/maze-3x7-v0").unwrapped
    env.reset(seed=0)
    with pytest.raises(NetMoEError) as e:
        env.step(7)
    assert _one_line(e) == "action must be an index in [0, 4), was Index[index=7]"


def test_bad_vector_size_names_the_argument():
    with pytest.raises(NetMoEError) as e:
        netmoe_gym.NetMoeVectorEnv("maze-3x7", num_envs=0)
    assert _one_line(e).startswith("num_envs must be")
