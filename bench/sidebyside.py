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
import shutil
import statistics
import sys
import time


def run(argv, devnull):
    # posix_spawn (vfork and exec), not fork: a forked child of this Python
    # process copies its page tables and faults on them before it execs,
    # and that time, several milliseconds, is counted as the command's
    # (its rusage), which made every command look slower and every ratio
    # nearer 1 than it is.
    t0 = time.perf_counter()
    path = argv[0] if "/" in argv[0] else shutil.which(argv[0])
    if path is None:
        sys.exit("%s: not found" % argv[0])
    pid = os.posix_spawn(path, argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                       (os.POSIX_SPAWN_DUP2, devnull, 2)])
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
