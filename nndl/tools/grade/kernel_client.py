"""The grader's stand-in for one kernel forked by a submission's kernel factory.

Run as ``python -I -S kernel_client.py SOCKET REQUEST`` (no site, no
imports beyond the standard library). jupyter_client starts this process as if
it were the kernel: it asks the factory in the student's sandbox
(nndl/_kernel_factory.py) for a kernel, then waits and exits with the kernel's
status. Killing it (jupyter_client's kill, the grader's exit) closes the
socket, and the factory kills the kernel. Exit status 111: no factory answered
(the caller falls back to starting a kernel the ordinary way).
"""
import socket
import sys

NO_FACTORY = 111


def main(path, request):
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(path)
        conn.sendall(request.encode() + b"\n")
        lines = conn.makefile("r")
        first = lines.readline()
    except OSError as exc:
        print(f"kernel factory unreachable: {exc}", file=sys.stderr)
        return NO_FACTORY
    if not first.startswith("started "):
        print("kernel factory refused the request", file=sys.stderr)
        return NO_FACTORY
    last = lines.readline()  # blocks while the kernel runs
    if not last.startswith("exit "):
        return 1
    code = int(last.split()[1])
    return code if code >= 0 else 128 - code  # killed by a signal: as a shell reports it


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
