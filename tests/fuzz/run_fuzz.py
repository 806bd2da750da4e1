#!/usr/bin/env python3
"""Runs one libFuzzer target for a bounded time, for the `fuzz` suite.

run_fuzz.py FUZZER CORPUS_DIR [SEED...]

The corpus directory (created if missing) keeps what earlier runs found,
so each run starts where the last one stopped; seeds are copied in under
their content hash.  FUZZ_SECONDS sets the run time (default 20).  A crash
leaves its input next to the corpus as crash-<hash>, and the test fails
with libFuzzer's report; a clean run ends with its final statistics.
"""
import hashlib
import os
import shutil
import subprocess
import sys


def add_seeds(corpus, seeds):
    for seed in seeds:
        with open(seed, "rb") as f:
            data = f.read()
        name = hashlib.sha1(data).hexdigest()
        path = os.path.join(corpus, name)
        if not os.path.exists(path):
            shutil.copyfile(seed, path)


def main():
    fuzzer, corpus, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
    seconds = int(os.environ.get("FUZZ_SECONDS", "20"))
    os.makedirs(corpus, exist_ok=True)
    add_seeds(corpus, seeds)
    artifacts = os.path.dirname(os.path.abspath(corpus)) + os.sep
    cmd = [fuzzer, f"-max_total_time={seconds}", "-timeout=20",
           "-rss_limit_mb=2048", "-print_final_stats=1",
           f"-artifact_prefix={artifacts}", corpus]
    print(" ".join(cmd), flush=True)
    try:
        # libFuzzer stops itself; the margin covers loading the corpus.
        return subprocess.run(cmd, timeout=seconds + 300).returncode
    except subprocess.TimeoutExpired:
        print(f"run_fuzz: {fuzzer} did not stop after {seconds} s")
        return 1


if __name__ == "__main__":
    sys.exit(main())
