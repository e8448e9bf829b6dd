#!/usr/bin/env python3
"""Rebuilds fixtures/office/adversarial/<leak>/ from the red team's reproducers (leak-*.py, bug-13-*.py)
and runs this worktree's release binary on each batch, printing what an independent check finds.

Run from the repository root after `cargo build --release`:
    pip install python-docx openpyxl python-pptx pillow
    python3 tests/build-fixtures/office_redteam/build.py
tests/office_adversarial.rs is the check that counts; the printout is for exploring.
"""
import glob
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
for script in sorted(glob.glob(os.path.join(here, "leak-*.py")) + glob.glob(os.path.join(here, "bug-*.py"))):
    print("===", os.path.basename(script), flush=True)
    subprocess.run([sys.executable, script], cwd=here, check=False)
