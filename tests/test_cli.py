"""The command line as a new user runs it (subprocesses; the run uses Prefect's embedded backend)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS, ROOT

TRIALX = str(Path(sys.executable).with_name("trialx"))


def _env(tmp_path):
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    for k in ("PREFECT_API_URL", "PREFECT_API_KEY"):
        env.pop(k, None)
    return env


def test_run_prints_summary_and_writes_tables(tmp_path, corpus_copy):
    (corpus_copy / "broken.txt").write_bytes(b"")
    out = tmp_path / "out"
    p = subprocess.run([TRIALX, "run", str(corpus_copy), "--out", str(out)], capture_output=True, text=True,
                       env=_env(tmp_path), cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]  # a failed document does not fail the run
    assert "5 documents (failed 1, ok 4); 5 extracted, 0 unchanged and reused, 0 removed since the last run" in p.stdout
    assert "broken.txt: read: the file is empty" in p.stdout
    for table in ("documents", "texts", "trials", "arms", "endpoints", "statistics", "measurements", "quarantine"):
        assert list((out / table).glob("*.parquet")), table
    assert f"Tables written to {out}" in p.stdout


def test_run_unwritable_output_fails_clearly(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    p = subprocess.run([TRIALX, "run", str(CORPUS), "--out", str(blocker / "out")], capture_output=True,
                       text=True, env=_env(tmp_path), cwd=ROOT, timeout=120)
    assert p.returncode == 2
    assert "cannot be written" in p.stderr and str(blocker / "out") in p.stderr


def test_run_missing_input_fails_clearly(tmp_path):
    p = subprocess.run([TRIALX, "run", str(tmp_path / "nope"), "--out", str(tmp_path / "out")],
                       capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT, timeout=120)
    assert p.returncode == 2 and "no such file or folder" in p.stderr


def test_extract_json(tmp_path):
    p = subprocess.run([TRIALX, "extract", str(CORPUS / "000_1333438261a421ab.txt"), "--json"],
                       capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["trials"][0]["acronym"] == "ALLSTAR"
    assert [s["p_value"] for s in data["statistics"]] == [0.63, 0.39, None, 0.49]


def test_extract_human_output(tmp_path):
    p = subprocess.run([TRIALX, "extract", str(CORPUS / "002_96a3e3ba68deef2b.txt")], capture_output=True,
                       text=True, env=_env(tmp_path), timeout=120)
    assert p.returncode == 0, p.stderr
    assert "registry-record" in p.stdout and "role=single" in p.stdout and "n=30" in p.stdout


def test_library_does_not_import_prefect():
    code = ("import sys, extract.pipeline, extract.batch, extract.validate, schemas; "
            "extract.pipeline.process_document(sys.argv[1]); assert 'prefect' not in sys.modules")
    subprocess.run([sys.executable, "-c", code, str(CORPUS / "000_1333438261a421ab.txt")], check=True, timeout=120)


def test_second_run_on_unchanged_inputs_starts_no_flow(tmp_path, corpus_copy):
    out = tmp_path / "out"
    cmd = [TRIALX, "run", str(corpus_copy), "--out", str(out)]
    first = subprocess.run(cmd, capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    snap = (out / "current").resolve()
    again = subprocess.run(cmd, capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT, timeout=300)
    assert again.returncode == 0 and "is up to date: 4 documents" in again.stdout
    assert "Beginning flow run" not in again.stdout + again.stderr and (out / "current").resolve() == snap
    forced = subprocess.run(cmd + ["--force"], capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT, timeout=300)
    assert forced.returncode == 0 and "0 extracted, 4 unchanged and reused" in forced.stdout
    assert (out / "current").resolve() != snap  # a new snapshot with the same rows


def test_run_embedded_server_records_the_run_and_stops(tmp_path, corpus_copy):
    """With no PREFECT_API_URL, `trialx run` starts Prefect's temporary server itself (flows/server.py):
    the run, its task runs and its logs land in the profile's database before the server is stopped,
    and no server process outlives the command."""
    import sqlite3

    import psutil

    env = _env(tmp_path)
    p = subprocess.run([TRIALX, "run", str(corpus_copy), "--out", str(tmp_path / "out")], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    assert "Error logging to API" not in p.stdout + p.stderr
    assert "View at" not in p.stdout + p.stderr  # no link to a UI that the temporary server does not serve
    home = env["PREFECT_HOME"]
    db = sqlite3.connect(Path(home) / "prefect.db")
    runs = db.execute("select state_type from flow_run").fetchall()
    tasks = db.execute("select name from task_run").fetchall()
    logs = db.execute("select message from log").fetchall()
    assert runs == [("COMPLETED",)]
    assert any(n.startswith("commit snapshot") for (n,) in tasks)
    assert any("documents:" in m for (m,) in logs)  # the flow's last log line reached the server
    leftovers = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "prefect.server.api.server:create_app" in " ".join(proc.info["cmdline"] or []) and \
                    proc.environ().get("PREFECT_HOME") == home:
                leftovers.append(proc.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    assert leftovers == []


def test_run_against_an_unreachable_prefect_server_fails_clearly_and_leaves_no_worker(tmp_path):
    """PREFECT_API_URL names a server that is not there: a clear error (not a traceback), exit 2,
    and the worker processes started on the first documents are stopped with the command."""
    import psutil

    import time
    import uuid

    mark = uuid.uuid4().hex  # in the environment of the command and of every process it starts
    env = dict(os.environ, PREFECT_API_URL="http://127.0.0.1:9/api", TRIALX_TEST_MARK=mark)
    proc = subprocess.Popen([TRIALX, "run", str(CORPUS), "--out", str(tmp_path / "out")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    out, errs = proc.communicate(timeout=180)
    assert proc.returncode == 2, errs[-2000:]
    assert "Failed to reach API at http://127.0.0.1:9/api" in " ".join(errs.split()) and "Traceback" not in errs

    def left() -> list:
        out = []
        for p in psutil.process_iter():
            try:
                if p.environ().get("TRIALX_TEST_MARK") == mark and p.status() != psutil.STATUS_ZOMBIE:
                    out.append(p)
            except (psutil.Error, OSError):
                pass
        return out

    deadline = time.monotonic() + 10
    while left() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not left()
    assert not (tmp_path / "out" / "current").exists()
