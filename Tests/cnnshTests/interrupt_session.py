"""Ctrl-C at every kind of moment in an interactive session, through a pseudo-terminal:
in the middle of a loop, in a comprehension, while loading a folder of images, during
predict, during save. Each time the prompt comes back, the variables are intact, and a
file being saved is the old one or the new one. Usage: interrupt_session.py PATH_TO_CNNSH."""
import os, struct, sys, tempfile, time, zlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_session import Session, PROMPT

binary = os.path.abspath(sys.argv[1])
home = tempfile.mkdtemp()
env = dict(os.environ, HOME=home, CNNSH_HISTORY=os.path.join(home, "history"), TERM="xterm", LANG="C")

# A folder of 5,000 noisy 192x192 PNGs in two classes: about 2.5 s to load on a fast machine
# (CI loaded 1,200 in 0.6 s, before a Ctrl-C sent after 0.7 s), so Ctrl-C always lands mid-way.
def png(width, height, seed):
    rows = b"".join(b"\x00" + bytes((x * 7 + y * 13 + seed) * 31 % 251 for x in range(width * 3)) for y in range(height))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))
photos = os.path.join(home, "photos")
for c in ("cat", "dog"):
    os.makedirs(os.path.join(photos, c))
    sample = png(192, 192, 1 if c == "cat" else 2)
    for i in range(2500):
        open(os.path.join(photos, c, f"{i}.png"), "wb").write(sample)

s = Session(binary, env, folder=home)
read_until, send, run, fail = s.read_until, s.send, s.run, s.fail

def interrupt(command, after, what, wanted=b"interrupted", started=None):
    """Sends `command`, waits until cnnsh prints `started` (when given), then `after` seconds,
    presses Ctrl-C; the prompt must come back."""
    send(command)
    if started:
        read_until(started)
    time.sleep(after)
    send("\x03")
    out = read_until(PROMPT, timeout=30)
    if wanted not in out:
        fail(f"{what}: no message after Ctrl-C: {out!r}")
    return out

read_until(PROMPT)
run("keep = 'still here'; n = 0\r", b"", "setup")

# An endless loop: stopped between statements; n is a whole number of iterations.
send("while True:\r"); read_until(b"... ")
send("    n = n + 1\r"); read_until(b"... ")
interrupt("\r", 1.0, "endless loop")
run("print(n > 0, type(n), keep)\r", b"True int still here", "loop variables")

# A comprehension too long to finish: stopped between items.
interrupt("big = [i * i for i in range(30000000)]\r", 1.0, "comprehension")
run("print(keep)\r", b"still here", "after comprehension")

# Loading a folder of images: stopped between files; nothing half-assigned.
interrupt("(xs, ys) = image_folder('photos', size=(96, 96))\r", 0, "image loading", started=b"/5000 [")
run("print(keep, n > 0)\r", b"still here True", "after image loading")

# Predict on a large batch: stopped between batches.
run("seed(0); m = seq(input((512,)), dense(2048), dense(2048), dense(10, activation=softmax))\r", b"", "model")
interrupt("p = m.predict(rand(400000, 512), batch_size=32)\r", 1.5, "predict")
run("print(count_params(m))\r", b"5267466", "model after predict")

# Save: the first save is whole; a second save interrupted leaves the old file or the new one.
run("save(m, 'model.cnnm')\r", b"", "first save")
first = os.path.getsize(os.path.join(home, "model.cnnm"))
run("big = seq(input((512,)), dense(4096), dense(4096), dense(10, activation=softmax))\r", b"", "bigger model")
send("save(big, 'model.cnnm')\r")
time.sleep(0.05)
send("\x03")
read_until(PROMPT, timeout=30)
run("print(count_params(load_model('model.cnnm')) in [5267466, 18923530])\r", b"True", "saved file is torn")
leftovers = [f for f in os.listdir(home) if ".tmp-" in f]
if leftovers:
    fail(f"temporary files left: {leftovers}")

# Ctrl-C at an empty prompt: nothing happens but a new prompt.
send("\x03")
read_until(PROMPT)
run("print(keep)\r", b"still here", "after Ctrl-C at the prompt")

s.finish()
print("interrupt session: all checks passed")
