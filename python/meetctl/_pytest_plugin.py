"""meetctl's pytest plugin: the ``meetctl_emulator`` fixture and the ``meetctl_scenario`` marker.

pytest loads it by itself wherever meetctl is installed (the ``pytest11`` entry point ``meetctl``;
``-p no:meetctl`` turns it off). A test that takes ``meetctl_emulator`` gets a fresh
``meetctl-emulator`` on a free loopback port (a :class:`meetctl.testing.Emulator`), stopped after
the test; the emulator binary comes from the ``meetctl-emulator`` wheel (``pip install
meetctl-emulator``) or ``$MEETCTL_EMULATOR``::

    def test_mute_all(meetctl_emulator):
        client = meetctl.HuaweiClient(base_url=meetctl_emulator.base_url, proxy=False)
        ...

The scenario is the built-in demo unless the test (or its class or module, through
``pytestmark``) says otherwise::

    @pytest.mark.meetctl_scenario({"huawei": {...}})      # the scenario JSON as a dict
    @pytest.mark.meetctl_scenario("scenarios/small.json")  # a file, relative to the test file

The emulator itself, ``meetctl.testing``, is imported only when a test asks for the fixture.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:
    from .testing import Emulator, Scenario

__all__ = ["meetctl_emulator", "pytest_configure"]

_MARKER = "meetctl_scenario"


def pytest_configure(config: pytest.Config) -> None:
    """Registers the ``meetctl_scenario`` marker (so ``--strict-markers`` accepts it)."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(scenario): the scenario the meetctl_emulator fixture starts the emulator with: "
        "a dict (the scenario JSON) or the path of a scenario file, relative to the test file",
    )


def _scenario(request: pytest.FixtureRequest) -> Scenario:
    """The scenario the closest ``meetctl_scenario`` marker names, or None (the demo)."""
    marker = request.node.get_closest_marker(_MARKER)
    if marker is None:
        return None
    if len(marker.args) != 1 or marker.kwargs:
        raise TypeError(
            f"@pytest.mark.{_MARKER} takes exactly one argument, a scenario dict or the path of a "
            f"scenario file; got args={marker.args!r} and keywords {sorted(marker.kwargs)}"
        )
    scenario = marker.args[0]
    if isinstance(scenario, (str, os.PathLike)) and not isinstance(scenario, bytes):
        path = Path(os.fspath(scenario))
        if not path.is_absolute():
            # Relative to the test file, not to wherever pytest was started.
            path = request.node.path.parent / path
        return path
    result: Scenario = scenario
    return result


@pytest.fixture
def meetctl_emulator(request: pytest.FixtureRequest) -> Iterator[Emulator]:
    """A fresh ``meetctl-emulator`` for this test (a :class:`meetctl.testing.Emulator`): the
    demo scenario, or the one ``@pytest.mark.meetctl_scenario(...)`` names. Pass its
    ``base_url`` to the clients; read what happened with ``state()``; queue failures with
    ``inject_fault(...)``."""
    from .testing import Emulator

    with Emulator(_scenario(request)) as emulator:
        yield emulator
