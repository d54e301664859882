"""The site's prose is our own: the shared originality check passes on every page."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sitebuild.paths import ROOT

COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"


def test_no_page_repeats_a_source_text():
    if not COPYCHECK.exists():
        # The shared sources stay out of the public repository, so GitHub's runners lack
        # them; .ci/run, which has them, sets REQUIRE_SHARED so the check can never skip there.
        if os.environ.get("REQUIRE_SHARED") == "1":
            pytest.fail(f"{COPYCHECK} is missing; ../shared must sit beside the checkout")
        pytest.skip("../shared/tools/copycheck.py is not beside this checkout")
    done = subprocess.run([sys.executable, str(COPYCHECK), "docs"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
