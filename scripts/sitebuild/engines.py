"""Build the whole site with one engine into a fresh folder, then swap it in for site/.

MkDocs is the default and runs the build steps itself, through the hook. ProperDocs (the
maintained MkDocs 1.x fork) and Zensical (Material's successor, which runs no MkDocs hooks)
get prebuild before and postbuild after. Each engine but MkDocs lives in .venv-ENGINE,
installed on first use from requirements/ENGINE.txt with every hash checked.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import steps
from .paths import ROOT, shown


class EngineError(RuntimeError):
    """An engine that cannot run, or a build that failed; the message says what to do."""


@dataclass(frozen=True)
class Engine:
    name: str
    command: tuple[str, ...]  # run from the repository root; {out} is the output folder
    runs_hooks: bool  # True when the engine calls scripts/mkdocs_hooks.py itself
    venv: str | None  # None: the project's own .venv (where MkDocs is)

    @property
    def requirements(self) -> Path:
        return ROOT / "requirements" / f"{self.name}.txt"


ENGINES = {
    "mkdocs": Engine("mkdocs", ("mkdocs", "build", "--strict", "--site-dir", "{out}"), True, None),
    # -f: ProperDocs would look for properdocs.yml first.
    "properdocs": Engine("properdocs", ("properdocs", "build", "--strict", "--config-file",
                                        "mkdocs.yml", "--site-dir", "{out}"),
                         True, ".venv-properdocs"),
    # Zensical has no option for the output folder; mkdocs.yml reads site_dir from SITE_DIR.
    "zensical": Engine("zensical", ("zensical", "build", "--config-file", "mkdocs.yml"), False,
                       ".venv-zensical"),
}


def engine(name: str) -> Engine:
    if name not in ENGINES:
        raise EngineError(f"unknown engine '{name}'; use one of {', '.join(ENGINES)}, e.g."
                          " make build ENGINE=zensical")
    return ENGINES[name]


def ensure_installed(e: Engine) -> Path:
    """The engine's bin folder, installing it first if its requirements changed."""
    if e.venv is None:
        return Path(sys.executable).parent
    if not e.requirements.is_file():
        raise EngineError(f"{shown(e.requirements)} is missing; restore it (git checkout --"
                          f" {shown(e.requirements)}) or write requirements/{e.name}.in and run"
                          " make lock")
    venv = ROOT / e.venv
    stamp = venv / ".requirements.sha256"
    digest = hashlib.sha256(e.requirements.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return venv / "bin"
    print(f"installing {e.name} into {e.venv} from {shown(e.requirements)}", file=sys.stderr)
    for command in ([sys.executable, "-m", "venv", "--clear", str(venv)],
                    [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                     "--require-hashes", "--no-deps", "-r", str(e.requirements)]):
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise EngineError(f"installing {e.name} failed ({' '.join(command[:4])} ...):\n"
                              + done.stderr.strip())
    stamp.write_text(digest + "\n")
    return venv / "bin"


def build_site(name: str, site: Path) -> list[str]:
    """Build the complete site with the named engine and put it at site; return log lines."""
    e = engine(name)
    bin_dir = ensure_installed(e)
    log = [] if e.runs_hooks else steps.prebuild()
    # Zensical only writes inside the project, so every engine builds into a folder there.
    out = Path(tempfile.mkdtemp(prefix=".site.building-", dir=ROOT))
    out.chmod(0o755)
    try:
        command = [str(bin_dir / e.command[0]), *(a.format(out=out) for a in e.command[1:])]
        env = {**os.environ, "SITE_DIR": str(out), "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        sys.stderr.write(done.stderr)
        if done.returncode:
            raise EngineError(f"{e.name} build failed (exit {done.returncode}); {shown(site)}/ is"
                              " unchanged. The messages above name the file and line to fix.")
        if not e.runs_hooks:
            log += steps.postbuild(out)
        swap(out, site)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return log + [f"{e.name}: site built in {shown(site)}/"]


def swap(new: Path, site: Path) -> None:
    """Put the finished folder where site is, removing the old one only after the move."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    if new.stat().st_dev != site.parent.stat().st_dev:  # another disk: copy it over first
        staged = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
        staged.rmdir()
        shutil.copytree(new, staged)
        new = staged
    old = site.with_name(f".{site.name}.old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)
