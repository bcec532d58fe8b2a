"""Two interactive cnnsh sessions typing at the same time into one full history file (5,000
lines, so every new line also trims the oldest): every line of both lands in it, whole.
Usage: two_sessions.py PATH_TO_CNNSH."""
import os, pty, select, sys, tempfile, time

binary = os.path.abspath(sys.argv[1])
home = tempfile.mkdtemp()
history = os.path.join(home, "history")
env = dict(os.environ, HOME=home, CNNSH_HISTORY=history, TERM="xterm", LANG="C")
LINES = 150
with open(history, "w") as f:
    f.write("".join(f"old_{i} = {i}\n" for i in range(5000)))

sessions = []
for name in ("a", "b"):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    sessions.append({"name": name, "pid": pid, "fd": fd, "out": b"", "sent": 0, "prompts": 0})

def fail(msg):
    print("FAIL:", msg)
    for s in sessions:
        try:
            os.kill(s["pid"], 9)
        except OSError:
            pass
    sys.exit(1)

# Each session types its next line as soon as its prompt is back; both run at once. The
# prompt after the last line is waited for too, so that Ctrl-D lands at a prompt.
deadline = time.time() + 120
while any(s["prompts"] <= LINES for s in sessions):
    if time.time() > deadline:
        fail("timed out: " + ", ".join(f"{s['name']} sent {s['sent']}" for s in sessions))
    r, _, _ = select.select([s["fd"] for s in sessions], [], [], 5)
    for s in sessions:
        if s["fd"] not in r:
            continue
        s["out"] += os.read(s["fd"], 4096)
        while b"cnnsh> " in s["out"]:
            s["out"] = s["out"].split(b"cnnsh> ", 1)[1]
            s["prompts"] += 1
            if s["sent"] < LINES:
                os.write(s["fd"], f"v_{s['name']}_{s['sent']} = {s['sent']}\r".encode())
                s["sent"] += 1

for s in sessions:
    os.write(s["fd"], b"\x04")
    os.waitpid(s["pid"], 0)

lines = open(history).read().splitlines()
wanted = {f"v_{n}_{i} = {i}" for n in "ab" for i in range(LINES)}
missing = wanted - set(lines)
if missing or len(lines) != 5000 or lines[:5000 - 2 * LINES] != [f"old_{i} = {i}" for i in range(2 * LINES, 5000)]:
    fail(f"{len(missing)} lines missing, {len(lines)} lines in the file; e.g. {sorted(missing)[:3]}")
print("two sessions: all checks passed")
