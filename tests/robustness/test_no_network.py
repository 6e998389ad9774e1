"""fflint never opens a socket: the CLI runs on the example export in a child process whose socket functions are
replaced, before anything else is imported, by ones that record the attempt and abort."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support import EXAMPLE

GUARD = """
import os, socket, sys

def _refuse(*args, **kwargs):
    with open(os.environ["FFLINT_NETWORK_MARKER"], "a") as marker:
        marker.write("network attempt\\n")
    os._exit(99)

for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
    setattr(socket, name, _refuse)
"""


def test_cli_never_touches_the_network(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(GUARD)
    marker = tmp_path / "marker.txt"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH", "")])),
        "FFLINT_NETWORK_MARKER": str(marker),
    }
    for args in (["check", str(EXAMPLE), "--no-cache", "--format", "sarif"], ["calls", str(EXAMPLE)]):
        result = subprocess.run([sys.executable, "-m", "linter", *args], env=env, capture_output=True, text=True)
        assert result.returncode in (0, 1), result.stderr
        assert result.stdout
    assert not marker.exists()


def test_the_guard_itself_works(tmp_path):
    """The guard must be able to fail: a child that does open a socket is caught."""
    (tmp_path / "sitecustomize.py").write_text(GUARD)
    marker = tmp_path / "marker.txt"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "FFLINT_NETWORK_MARKER": str(marker)}
    result = subprocess.run([sys.executable, "-c", "import socket; socket.socket()"], env=env)
    assert result.returncode == 99
    assert marker.read_text().strip() == "network attempt"
