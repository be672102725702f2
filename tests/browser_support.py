"""Helpers of the browser test: Debian's chromium driven by Playwright, and a
JupyterLab server of the project's venv on a private copy of the course.

Nothing here downloads anything: the browser is the system's chromium
(`bash .ci/install-browser.sh` installs it), never Playwright's own build.

Environment variable:
    NNDL_CHROMIUM  path of the chromium executable (default /usr/bin/chromium).
                   A path that does not exist makes the browser test skip, which
                   is how that path is tested.
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

CHROMIUM_ENV = "NNDL_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"

# Headless and offline: this machine reaches no network but package registries,
# and without the background-networking flags chromium keeps opening connections
# that are refused (many at a time). A fresh --user-data-dir is given by
# launch_persistent_context; Playwright adds --headless itself.
CHROMIUM_FLAGS = [
    "--no-sandbox",              # we run as root in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",   # /dev/shm may be small in containers
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# JupyterLab settings of the test's private user-settings folder.
LAB_SETTINGS = {
    # Every cell in the DOM, so the test can find cells by their index.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # No "would you like news?" toast over the notebook, no request to the web.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}


def chromium_path():
    """(path, None) of a usable chromium executable, or (None, why it cannot be used)."""
    path = os.environ.get(CHROMIUM_ENV, DEFAULT_CHROMIUM)
    if not os.path.isfile(path):
        return None, (f"chromium not found at {path} (install it with `sudo bash .ci/install-browser.sh`, "
                      f"or set {CHROMIUM_ENV} to a chromium executable)")
    if not os.access(path, os.X_OK):
        return None, f"{path} is not executable (set {CHROMIUM_ENV} to a chromium executable)"
    return path, None


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch_chromium(playwright, executable, profile_dir, viewport=(1280, 860)):
    """A persistent Playwright context on a fresh profile folder (the --user-data-dir)."""
    profile_dir = Path(profile_dir)
    shutil.rmtree(profile_dir, ignore_errors=True)
    profile_dir.mkdir(parents=True)
    env = dict(os.environ)
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # nothing written to the user's home
        env[var] = str(profile_dir.parent / var.lower())
    return playwright.chromium.launch_persistent_context(
        str(profile_dir),
        executable_path=executable,
        headless=True,
        args=CHROMIUM_FLAGS,
        env=env,
        viewport={"width": viewport[0], "height": viewport[1]},
        timeout=60_000,
    )


class PortTaken(RuntimeError):
    """The server could not bind its port."""


class LabServer:
    """`jupyter lab` of this venv on ``root``, on a free localhost port with a random token.

    Use as a context manager: ``__enter__`` returns once the server answers
    /api/status (or raises with the server's log); ``__exit__`` shuts the
    kernels and the server down, and kills whatever survives.

    ``cwd`` is where the server runs: nbgrader's server extensions read
    nbgrader_config.py from there.
    """

    def __init__(self, root, cwd, state_dir, startup_timeout=90):
        self.root, self.cwd, self.state = Path(root), Path(cwd), Path(state_dir)
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.state / "jupyterlab.log"
        self.proc = None
        self._log = None

    # -- lifecycle ---------------------------------------------------------
    def _env(self):
        env = dict(os.environ)
        # Private Jupyter folders: no user config, kernels or workspaces leak in or out.
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
            env[var] = str(self.state / sub)
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        # The test suite sets MPLBACKEND=Agg; a learner's kernel draws inline plots.
        env.pop("MPLBACKEND", None)
        env.pop("JUPYTER_TOKEN", None)
        return env

    def _write_settings(self):
        # No "a build is recommended" check: it costs seconds of CPU per page load and
        # a prebuilt JupyterLab never needs it (read from JUPYTER_CONFIG_DIR/labconfig).
        page_config = self.state / "config" / "labconfig" / "page_config.json"
        page_config.parent.mkdir(parents=True, exist_ok=True)
        page_config.write_text(json.dumps({"buildCheck": False, "buildAvailable": False}))
        settings = self.state / "lab-settings"
        for rel, value in LAB_SETTINGS.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        return settings

    def command(self):
        root_flag = ["--allow-root"] if os.geteuid() == 0 else []  # CI and containers run as root
        return [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", *root_flag,
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
            f"--LabApp.user_settings_dir={self._write_settings()}",
            f"--LabApp.workspaces_dir={self.state / 'workspaces'}",
        ]

    def start(self, attempts=3):
        self.state.mkdir(parents=True, exist_ok=True)
        for attempt in range(attempts):
            self._log = open(self.log_path, "w")
            self.proc = subprocess.Popen(self.command(), cwd=self.cwd, env=self._env(), stdin=subprocess.DEVNULL,
                                         stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                self._wait_ready()
                return self
            except PortTaken:
                self.stop()
                if attempt == attempts - 1:
                    raise
                self.port = free_port()  # another program took it between our check and the server's bind
                self.base = f"http://127.0.0.1:{self.port}"
            except BaseException:
                self.stop()  # __exit__ is not called when __enter__ raises
                raise

    def _wait_ready(self):
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = self.log_tail()
                error = PortTaken if "already in use" in log else RuntimeError
                raise error(f"jupyter lab exited with code {self.proc.returncode}:\n{log}")
            try:
                self.api("GET", "api/status", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.25)  # polling interval of the readiness wait, not a fixed delay
        raise TimeoutError(f"jupyter lab did not answer within {self.startup_timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.proc is None:
            return
        try:
            import psutil
            family = psutil.Process(self.proc.pid).children(recursive=True)
        except Exception:  # psutil missing or the server already gone
            family = []
        if self.proc.poll() is None:
            try:  # kernels first, politely, through the API
                for kernel in self.api("GET", "api/kernels", timeout=5):
                    self.api("DELETE", f"api/kernels/{kernel['id']}", timeout=10)
            except Exception:
                pass
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        for child in family:  # kernels run in sessions of their own: kill any survivor
            try:
                child.kill()
            except Exception:
                pass
        self.proc = None
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- talking to it -----------------------------------------------------
    def url(self, path="lab", with_token=True):
        url = f"{self.base}/{path.lstrip('/')}"
        if with_token:
            url += ("&" if "?" in url else "?") + f"token={self.token}"
        return url

    def api(self, method, path, body=None, timeout=30):
        """JSON request to the server with the token; returns the decoded answer (or None)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url(path, with_token=False), data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read().decode()
        return json.loads(text) if text.strip() else None

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


class NotebookPage:
    """One notebook open in JupyterLab, driven through the page like a learner would."""

    PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

    def __init__(self, page, lab, path, timeout=60_000):
        self.page, self.lab, self.path, self.timeout = page, lab, path, timeout

    def open(self, expected_cells):
        """Open the notebook; return once all its cells are shown and its kernel is idle."""
        self.page.goto(self.lab.url(f"lab/tree/{self.path}"), timeout=self.timeout)
        self.page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length === n",
            arg=[f"{self.PANEL} .jp-Notebook .jp-Cell", expected_cells], timeout=self.timeout)
        self.wait_kernel_idle()
        return self

    def wait_kernel_idle(self, timeout=None):
        """The toolbar names a started kernel and the execution indicator says idle."""
        self.page.wait_for_function(
            """(sel) => {
                const panel = document.querySelector(sel);
                if (!panel) return false;
                const name = panel.querySelector('.jp-KernelName');
                const state = panel.querySelector('.jp-Notebook-ExecutionIndicator');
                return name && /Python/.test(name.innerText) && !/No Kernel/.test(name.innerText)
                    && state && state.dataset.status === 'idle';
            }""", arg=self.PANEL, timeout=timeout or self.timeout)

    def cell(self, index):
        return self.page.locator(f"{self.PANEL} .jp-Notebook .jp-Cell").nth(index)

    def cell_count(self):
        return self.page.locator(f"{self.PANEL} .jp-Notebook .jp-Cell").count()

    def source(self, index):
        """The code in cell ``index``'s editor, one CodeMirror line per line."""
        return "\n".join(self.cell(index).locator(".cm-content .cm-line").all_text_contents())

    def type_source(self, index, code):
        """Replace cell ``index``'s code as a learner does: click, select all, type.

        The text goes in as one input (like a paste), so the editor's auto-indent
        and bracket closing do not rewrite it; the result is checked."""
        editor = self.cell(index).locator(".cm-content")
        editor.click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.insert_text(code)
        got = self.source(index)
        if got.strip() != code.strip():
            raise AssertionError(f"cell {index} holds\n{got}\ninstead of\n{code}")

    def prompt(self, index):
        return self.cell(index).locator(".jp-InputArea-prompt").inner_text().strip()

    def run(self, index, timeout=None):
        """Select cell ``index``, Shift+Enter, wait until it has run and its outputs are
        drawn; return the text of its outputs."""
        before = self.prompt(index)
        prompt = self.cell(index).locator(".jp-InputArea-prompt")
        prompt.click()  # selects the cell (command mode), as a learner's click would
        self.page.keyboard.press("Shift+Enter")
        # "[*]:" while running, "[n]:" once the reply and the kernel's idle status are in
        self.page.wait_for_function(
            "([el, before]) => { const t = el.innerText.trim();"
            " return /^\\[\\d+\\]:?$/.test(t) && t !== before; }",
            arg=[prompt.element_handle(), before], timeout=timeout or self.timeout)
        # outputs are in the model by then, but renderers fill them in asynchronously
        self.page.wait_for_function(
            """(cell) => Array.from(cell.querySelectorAll('.jp-OutputArea-output')).every(
                   o => o.innerText.trim().length > 0 || o.querySelector('img, svg, canvas, table'))""",
            arg=self.cell(index).element_handle(), timeout=timeout or self.timeout)
        return self.output(index)

    def output(self, index):
        return "\n".join(self.cell(index).locator(".jp-OutputArea-output").all_inner_texts())
