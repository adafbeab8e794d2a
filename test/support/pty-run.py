"""Runs a command in a real pseudo-terminal and plays a script of (expect, send) pairs.

Usage: pty-run.py '<json script>' cmd args...
Prints {"code": exit code or -signal, "output": everything the terminal showed} as JSON.
Each step waits (up to 20 s) for its text to appear, then types its keys.
"""
import json, os, pty, re, select, sys, time

script = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])

output = b""

def read_some(timeout):
    global output
    ready, _, _ = select.select([fd], [], [], timeout)
    if ready:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        output += chunk
    return True

def plain():
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output.decode("utf8", "replace"))

for expect, send in script:
    deadline = time.time() + 20
    while expect not in plain():
        if time.time() > deadline or not read_some(0.2):
            print(json.dumps({"code": None, "output": plain(), "error": "timed out waiting for " + expect}))
            os.kill(pid, 9)
            sys.exit(0)
    time.sleep(0.2)
    os.write(fd, send.encode("utf8"))

deadline = time.time() + 60
while time.time() < deadline and read_some(0.2):
    pass
_, status = os.waitpid(pid, 0)
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
print(json.dumps({"code": code, "output": plain()}))
