#!/usr/bin/env python3
"""owns_port.py PID PORT: exits 0 when process PID itself holds a listening
TCP socket on port PORT (any local address), 1 otherwise. A port a peer
reported is only trusted once this holds: anything else listening there (a
leftover server, another test's peer) is not the peer we started."""
import os
import sys


def listening_inodes(port):
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    local, state, inode = fields[1], fields[3], fields[9]
                    if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                        inodes.add(inode)
        except FileNotFoundError:
            pass
    return inodes


def socket_inodes(pid):
    found = set()
    fd_dir = "/proc/%d/fd" % pid
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def main():
    pid, port = int(sys.argv[1]), int(sys.argv[2])
    try:
        return 0 if listening_inodes(port) & socket_inodes(pid) else 1
    except OSError:
        return 1  # the process is gone


if __name__ == "__main__":
    sys.exit(main())
