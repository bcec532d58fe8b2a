"""One cnnsh session on a pseudo-terminal, typed at as a person would: what the drivers
(interactive_session.py, interrupt_session.py) share."""
import os, pty, select, sys, time

PROMPT = b"cnnsh> "

class Session:
    def __init__(self, binary, env, folder=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if folder:
                os.chdir(folder)
            os.execve(binary, [binary], env)
        self.buffer = b""
        self.step = "start"

    def read_until(self, marker, timeout=90):
        """Reads output until `marker` (bytes) appears after what was consumed; returns it all."""
        deadline = time.time() + timeout
        while marker not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                self.fail(f"timed out waiting for {marker!r} after sending {self.step!r}; screen so far:\n"
                          f"{self.buffer.decode(errors='replace')}")
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    self.fail(f"cnnsh ended while waiting for {marker!r}:\n{self.buffer.decode(errors='replace')}")
                self.buffer += chunk
        i = self.buffer.index(marker) + len(marker)
        seen, self.buffer = self.buffer[:i], self.buffer[i:]
        return seen

    def send(self, s):
        self.step = s
        os.write(self.fd, s.encode())

    def run(self, command, wanted, what):
        """Types a command, waits for the next prompt, and checks what came back."""
        self.send(command)
        out = self.read_until(PROMPT)
        if wanted not in out:
            self.fail(f"{what}: {out!r}")
        return out

    def fail(self, msg):
        print("FAIL:", msg)
        try:
            os.kill(self.pid, 9)
        except OSError:
            pass
        sys.exit(1)

    def finish(self):
        """Ctrl-D at the prompt; cnnsh must exit with status 0."""
        self.send("\x04")
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            self.fail(f"exit status {status}")
