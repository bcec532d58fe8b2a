"""Drives cnnsh's interactive prompt through a pseudo-terminal, as a person would:
continuation prompts, Tab completion, Ctrl-C on a half-typed line, Ctrl-C during fit, the
history file, Ctrl-D. Usage: interactive_session.py PATH_TO_CNNSH. Exit 0 when all hold."""
import os, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_session import Session, PROMPT

binary = sys.argv[1]
home = tempfile.mkdtemp()
history = os.path.join(home, "history")
env = dict(os.environ, HOME=home, CNNSH_HISTORY=history, TERM="xterm", LANG="C")

s = Session(binary, env)
s.read_until(PROMPT)
read_until, send, run, fail = s.read_until, s.send, s.run, s.fail

send("x = 41\r")
read_until(PROMPT)

# A block: the continuation prompt, then an empty line runs it.
send("for i in range(2):\r")
read_until(b"... ")
send("    print(i * 10)\r")
read_until(b"... ")
run("\r", b"0\r\n10", "loop output missing")

# Tab completes a builtin name.
send("pri\t")
read_until(b"print")
run("(x + 1)\r", b"42", "completion + call")

# Ctrl-C on a half-typed line clears it.
send("abc")
time.sleep(0.3)
send("\x03")
read_until(PROMPT)
out = run("x\r", b"41", "Ctrl-C did not clear the line")
if b"abc" in out:
    fail(f"Ctrl-C did not clear the line: {out!r}")

# An error ends the statement, not the session.
run("undefined_name + 1\r", b"unknown name 'undefined_name'", "no error message")

# Ctrl-C during fit stops training after the batch; the model and session stay.
send("seed(1); data = rand(200000, 8); target = rand(200000, 1)\r")
read_until(PROMPT)
send("m = seq(input((8,)), dense(4), dense(1, activation=linear)); compile(m, optimizer='sgd', loss='mse')\r")
read_until(PROMPT)
send("h = m.fit(data, target, batch_size=1, epochs=3)\r")
read_until(b"Epoch 1/3")
time.sleep(1.0)
send("\x03")
out = read_until(PROMPT, timeout=30)
if b"Training stopped: interrupted (Ctrl-C)" not in out:
    fail(f"no interruption message: {out!r}")
run("print(m.optimizer.iterations > 0, x)\r", b"True 41", "session lost after Ctrl-C")

# Ctrl-D leaves; the history file has what was typed.
s.finish()
text = open(history).read()
if "x = 41" not in text or "for i in range(2):" not in text:
    fail(f"history file lacks the session: {text!r}")
print("interactive session: all checks passed")
