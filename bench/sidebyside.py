#!/usr/bin/env python3
"""sidebyside.py: time commands side by side, interleaved.

    sidebyside.py RUNS WARMUP CMDLINE...

Each CMDLINE is one shell-quoted command line (run without a shell). Every
round runs each command once, in an order rotated from round to round, so
that a machine whose speed drifts (a shared VM) slows all of them alike;
timing each command in a block of its own, as hyperfine does, lets the
drift fall on one. Prints, per command and in the order given, one line:
median wall ms, 25th-percentile wall ms, mean user+system ms (all
threads). Exit status 1 of a command (git diff with differences) is not a
failure; any other is.
"""
import os
import shlex
import statistics
import sys
import time


def run(argv, devnull):
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = (time.perf_counter() - t0) * 1000
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("%s: exit status %d" % (" ".join(argv), code))
    return wall, (ru.ru_utime + ru.ru_stime) * 1000


def main():
    runs, warmup = int(sys.argv[1]), int(sys.argv[2])
    cmds = [shlex.split(c) for c in sys.argv[3:]]
    devnull = os.open(os.devnull, os.O_WRONLY)
    walls = [[] for _ in cmds]
    cpus = [[] for _ in cmds]
    for r in range(warmup + runs):
        for k in range(len(cmds)):
            i = (k + r) % len(cmds)
            wall, cpu = run(cmds[i], devnull)
            if r >= warmup:
                walls[i].append(wall)
                cpus[i].append(cpu)
    for w, c in zip(walls, cpus):
        q1 = statistics.quantiles(w, n=4)[0] if len(w) > 1 else w[0]
        print("%.2f %.2f %.2f" % (statistics.median(w), q1, statistics.mean(c)))


if __name__ == "__main__":
    main()
