#!/usr/bin/env python3
"""measure.py USAGE.json COMMAND [ARG...]: runs COMMAND and writes what the kernel counted for it to USAGE.json:
wall time (s), user and system CPU time (s) and peak resident memory (KiB). Exits with the command's exit code."""
import json
import os
import sys
import time

usage_file, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(command[0], command, os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(usage_file, "w") as f:
    json.dump({"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime, "maxrss_kb": usage.ru_maxrss}, f)
sys.exit(os.waitstatus_to_exitcode(status))
