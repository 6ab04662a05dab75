"""Tests about the Prefect server: a real `prefect server start` on 127.0.0.1 (free port, temporary
PREFECT_HOME); runs, task runs, artifacts, a served deployment's schedule and a work-pool deployment
from prefect.yaml are checked through the server's REST API."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import CORPUS, ROOT

BIN = Path(sys.executable).parent
TRIALX = str(BIN / "trialx")
PREFECT = str(BIN / "prefect")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_API_URL=f"http://127.0.0.1:{port}/api", PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    log = open(home / "server.log", "w")
    proc = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited: {(home / 'server.log').read_text()[-2000:]}")
        time.sleep(0.5)
    else:
        pytest.fail("prefect server did not start in 120 s")
    yield url, env
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()


def _post(url: str, path: str, body: dict | None = None) -> list | dict:
    r = httpx.post(f"{url}{path}", json=body or {}, timeout=30)
    r.raise_for_status()
    return r.json()


def test_server_binds_to_loopback_only(server):
    url, _ = server
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    addrs = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    for addr in addrs:  # the server is not reachable on the machine's other addresses
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((addr, port)) != 0, addr


def test_run_is_visible_through_the_api(server, tmp_path):
    url, env = server
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    p = subprocess.run([TRIALX, "run", str(corpus), "--out", str(out)], env=env, cwd=ROOT, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    assert "Starting temporary server" not in p.stderr + p.stdout  # it used the configured server

    runs = _post(url, "/flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}})
    run = next(r for r in runs if r["parameters"].get("out") == str(out))
    assert run["parameters"]["paths"] == [str(corpus)]  # parameters describe the run, re-runnable from the UI
    tasks = _post(url, "/task_runs/filter", {"flow_runs": {"id": {"any_": [run["id"]]}}})
    names = sorted(t["name"] for t in tasks)
    assert all(t["state_type"] == "COMPLETED" for t in tasks), names
    assert any(n.startswith("plan ") for n in names)
    assert any(n.startswith("extract batch 1/1: 5 files") for n in names), names  # one task per batch, not per value
    assert any(n.startswith("commit snapshot ") for n in names)
    assert len(names) == 3
    arts = _post(url, "/artifacts/filter", {"flow_runs": {"id": {"any_": [run["id"]]}}})
    by_key = {a["key"]: a for a in arts if a["key"]}
    assert {"trialx-documents", "trialx-validation", "trialx-report"} <= set(by_key)
    table = json.loads(by_key["trialx-documents"]["data"]) if isinstance(by_key["trialx-documents"]["data"], str) \
        else by_key["trialx-documents"]["data"]
    empty = next(r for r in table if r["file"] == "empty.txt")
    assert empty["status"] == "failed" and "empty" in empty["error"]
    assert "Validation report" in by_key["trialx-validation"]["data"]
    assert by_key["trialx-report"]["data"].startswith("[Review page") or "report.html" in by_key["trialx-report"]["data"]
    assert any(a["type"] == "progress" for a in arts)
    logs = _post(url, "/logs/filter", {"logs": {"flow_run_id": {"any_": [run["id"]]}}, "limit": 200})
    text = "\n".join(entry["message"] for entry in logs)
    assert "empty.txt: failed: read: the file is empty" in text  # which file failed, and why
    assert "extracting 5 file(s)" in text


def _wait(pred, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(1)
    pytest.fail(f"timed out waiting for {what}")


def test_serve_registers_schedule_and_runs_incrementally(server, tmp_path):
    url, env = server
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    proc = subprocess.Popen([TRIALX, "serve", str(corpus), "--out", str(out), "--interval", "5", "--name", "test-serve"],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        dep = _wait(lambda: next((d for d in _post(url, "/deployments/filter")
                                  if d["name"] == "test-serve"), None), 60, "the served deployment")
        sched = dep["schedules"][0]["schedule"]
        assert sched["interval"] == 5.0
        assert dep["parameters"] == {"paths": [str(corpus)], "out": str(out)}

        def completed():
            runs = _post(url, "/flow_runs/filter", {"deployments": {"id": {"any_": [dep["id"]]}},
                                                    "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}})
            return runs if len(runs) >= 2 else None

        _wait(completed, 120, "two completed scheduled runs")
        manifest = json.loads((out / "_manifest.json").read_text())
        assert (manifest["extracted"], manifest["reused"]) == (0, 4)  # a later run: nothing new, all reused
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_prefect_yaml_deploys_to_a_work_pool_and_a_worker_runs_it(server, tmp_path):
    url, env = server
    env = dict(env, TRIALX_HOME=str(ROOT))
    run = lambda *a: subprocess.run([PREFECT, *a], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)  # noqa: E731
    p = run("work-pool", "create", "trialx-pool", "--type", "process")
    assert p.returncode == 0, p.stdout + p.stderr
    p = run("--no-prompt", "deploy", "--name", "trialx-nightly")
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    dep = next(d for d in _post(url, "/deployments/filter") if d["name"] == "trialx-nightly")
    assert dep["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
    assert dep["work_pool_name"] == "trialx-pool"
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    params = json.dumps({"paths": [str(corpus)], "out": str(out)})
    p = run("deployment", "run", "trialx-ingest/trialx-nightly", "--params", params)
    assert p.returncode == 0, p.stdout + p.stderr
    p = run("worker", "start", "--pool", "trialx-pool", "--run-once")
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    runs = _post(url, "/flow_runs/filter", {"deployments": {"id": {"any_": [dep["id"]]}}})
    assert [r["state_type"] for r in runs if r["parameters"].get("out") == str(out)] == ["COMPLETED"]
    assert json.loads((out / "_manifest.json").read_text())["by_status"] == {"ok": 4}
