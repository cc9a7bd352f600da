#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run a libFuzzer binary for a bounded time: new inputs go to a scratch
directory (the seed folders in the source tree stay untouched); any crash,
leak or sanitizer report fails the test."""
import os
import subprocess
import sys
import tempfile


def main():
    fuzzer, seconds = os.path.abspath(sys.argv[1]), sys.argv[2]
    seeds = sys.argv[3:]
    with tempfile.TemporaryDirectory() as scratch:
        run = subprocess.run(
            [fuzzer, "-max_total_time=" + seconds, "-timeout=10",
             "-rss_limit_mb=2048", "-max_len=8192",
             "-artifact_prefix=" + scratch + "/", scratch] + seeds,
            capture_output=True, text=True, cwd=scratch)
    tail = run.stderr.splitlines()[-25:]
    print("\n".join(tail))
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
