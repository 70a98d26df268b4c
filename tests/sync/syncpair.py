"""A real file-sync engine for tests: two Syncthing daemons on loopback.

``SyncPair(root)`` runs two Syncthing instances, "a" and "b" (think laptop and
desktop), each with its own home, sharing one folder (id ``journal``) between
``root/a`` and ``root/b``::

    pair = SyncPair(tmp_path)
    pair.start()                      # both daemons up, connected, idle, in sync
    (pair.a / "journal.json").write_text("{}")
    pair.wait()                       # b now has the same file
    pair.pause("a")                   # a goes offline (a pauses its peer device)
    ...                               # edit on both sides
    pair.resume("a")
    pair.wait()
    pair.conflicts()                  # {"a": [Path("journal.sync-conflict-...json")], "b": [...]}
    pair.stop()

Layout: ``root/a`` and ``root/b`` (the synced folders), ``root/.st-a`` and
``root/.st-b`` (homes: config.xml, keys, database, syncthing.log).

Only the standard library is used; the daemons listen on 127.0.0.1 only, on
ports picked at run time. Tuned for tests with Syncthing 1.19 (Debian):

* Only a dials b (b knows a as "dynamic" and, with discovery off, never dials):
  1.19 handles new connections one at a time, so when both sides dial at once
  the Hello exchange deadlocks for 20 s. b is started first so that a's first
  dial finds it listening (a failed dial is only retried after a few seconds).
* ``pullerPauseS`` 2 instead of 60: after a failed pull (say, a file changed
  while it was being pulled) the folder would otherwise sit out a minute.
* ``maxConflicts`` -1 (unlimited) instead of 10: older conflict copies would
  otherwise be deleted silently.
* ``STHASHING=minio`` skips the ~1 s hashing benchmark at every start;
  ``STMONITORED=yes`` skips the monitor parent process, so the pid we hold is
  the daemon doing the work.
* Rescan every 2 s plus the fs watcher with a 1 s delay: a change propagates
  in about a second.
* Global/local discovery, relays, NAT traversal, usage reporting, crash
  reporting and upgrades are off; proxy variables are dropped from the
  daemons' environment and ignored by our own API client.
* Each daemon runs in its own session (process group), and on Linux it gets
  SIGKILL when the process that started it dies, so a killed test run cannot
  leak daemons.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import filecmp
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

FOLDER = "journal"
SIDES = ("a", "b")
CONFLICT_RE = re.compile(
    r"^(?P<stem>.+)\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-(?P<device>[A-Z0-9]{7})(?P<ext>\.[^./]*)?$"
)
_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class SyncPairError(RuntimeError):
    """The pair could not be started, or did not reach the requested state."""


def _other(side: str) -> str:
    return "b" if side == "a" else "a"


def _check_side(side: str) -> None:
    if side not in SIDES:
        raise ValueError(f"side must be 'a' or 'b', not {side!r}")


def _ignored(name: str) -> bool:
    return name == ".stfolder" or (name.startswith(".syncthing.") and name.endswith(".tmp"))


def tree(root: Path) -> dict[str, str]:
    """Relative path -> kind ("dir", "file", "link:TARGET") of everything
    Syncthing syncs under root (so without .stfolder and .syncthing.*.tmp)."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not _ignored(d)]
        base = Path(dirpath)
        for name in dirnames + [f for f in filenames if not _ignored(f)]:
            p = base / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = "file"
    return out


def tree_diff(a: Path, b: Path) -> list[str]:
    """Differences between the synced contents of two folders (empty = same)."""
    ta, tb = tree(a), tree(b)
    problems = [f"only in {a.name}/: {p}" for p in sorted(ta.keys() - tb.keys())]
    problems += [f"only in {b.name}/: {p}" for p in sorted(tb.keys() - ta.keys())]
    for p in sorted(ta.keys() & tb.keys()):
        if ta[p] != tb[p]:
            problems.append(f"{p}: {ta[p]} in {a.name}/, {tb[p]} in {b.name}/")
        elif ta[p] == "file":
            try:
                same = filecmp.cmp(a / p, b / p, shallow=False)
            except OSError as e:  # removed while we looked
                problems.append(f"{p}: {e}")
                continue
            if not same:
                problems.append(f"{p}: content differs")
    return problems


def _used_ports() -> set[int]:
    """Local ports in use (any TCP state) in this network namespace."""
    used: set[int] = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(name).read_text().splitlines()[1:]:
                local = line.split()[1]
                used.add(int(local.rsplit(":", 1)[1], 16))
    return used


def _free_ports(n: int) -> list[int]:
    """n distinct free loopback ports, below the kernel's ephemeral range (so
    that an outgoing connection cannot grab one before the daemon binds it)."""
    low = 32768
    with contextlib.suppress(OSError, ValueError, IndexError):
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    hi = max(low - 1, 12000)
    used = _used_ports()
    ports: list[int] = []
    while len(ports) < n:
        p = random.randint(10000, hi)
        if p in used or p in ports:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", p))
            except OSError:
                continue
        ports.append(p)
    return ports


try:  # looked up here: the child of a fork must not load libraries
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
except (OSError, AttributeError):
    _PRCTL = None
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """(In the child, before exec.) Get SIGKILL when the thread that started us
    dies, so a killed test run cannot leave daemons behind."""
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


class SyncPair:
    """Two Syncthing daemons syncing ``root/a`` and ``root/b``; see the module doc."""

    def __init__(self, root: Path | str, *, syncthing: str = "syncthing", timeout: float = 60):
        self.root = Path(root).resolve()
        self.syncthing = syncthing
        self.timeout = timeout
        self.a = self.root / "a"
        self.b = self.root / "b"
        self.home_a = self.root / ".st-a"
        self.home_b = self.root / ".st-b"
        self.ids: dict[str, str] = {}
        self.gui: dict[str, str] = {}  # side -> "127.0.0.1:PORT"
        self.apikeys: dict[str, str] = {}
        self.procs: dict[str, subprocess.Popen] = {}

    # ------------------------------------------------------------ paths

    def folder(self, side: str) -> Path:
        _check_side(side)
        return self.a if side == "a" else self.b

    def home(self, side: str) -> Path:
        _check_side(side)
        return self.home_a if side == "a" else self.home_b

    def log(self, side: str) -> Path:
        return self.home(side) / "syncthing.log"

    def device_id(self, side: str) -> str:
        return self.ids[side]

    def short_id(self, side: str) -> str:
        """The 7-character form used in conflict file names."""
        return self.ids[side][:7]

    def conflicts(self) -> dict[str, list[Path]]:
        """Conflict copies (``*.sync-conflict-*``) on each side: {"a": [...], "b": [...]},
        sorted paths relative to that side's folder."""
        return {
            s: sorted(
                p.relative_to(self.folder(s))
                for p in self.folder(s).rglob("*.sync-conflict-*")
                if not any(_ignored(part) for part in p.relative_to(self.folder(s)).parts)
            )
            for s in SIDES
        }

    # ------------------------------------------------------------ REST API

    def api(self, side: str, method: str, path: str, body=None, *, timeout: float = 10):
        """Call the REST API of one side; return the decoded JSON (or None)."""
        data = None
        headers = {"X-API-Key": self.apikeys[side]}
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(
            f"http://{self.gui[side]}{path}", data=data, method=method, headers=headers
        )
        with _NO_PROXY.open(req, timeout=timeout) as resp:
            raw = resp.read()
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode(errors="replace")

    def _try_api(self, side: str, method: str, path: str, *, timeout: float = 10):
        try:
            return self.api(side, method, path, timeout=timeout)
        except (OSError, urllib.error.URLError, ValueError):
            return None

    def scan(self, side: str) -> None:
        """Rescan one side's folder now; returns when the scan is done."""
        with contextlib.suppress(OSError, urllib.error.URLError):
            self.api(side, "POST", f"/rest/db/scan?folder={FOLDER}", timeout=120)

    def scan_both(self) -> None:
        self.scan("a")
        self.scan("b")

    def connected(self, side: str) -> bool:
        """Does side see an open connection to its peer?"""
        c = self._try_api(side, "GET", "/rest/system/connections", timeout=5)
        peer = self.ids[_other(side)]
        return bool(c and c.get("connections", {}).get(peer, {}).get("connected"))

    def peer_paused(self, side: str) -> bool:
        """Has side paused its peer device?"""
        d = self.api(side, "GET", f"/rest/config/devices/{self.ids[_other(side)]}")
        return bool(d["paused"])

    def folder_paused(self, side: str) -> bool:
        return bool(self.api(side, "GET", f"/rest/config/folders/{FOLDER}")["paused"])

    def status(self) -> dict[str, dict]:
        """Per side: connected, peer_paused, folder_paused, db status, peer completion."""
        out = {}
        for s in SIDES:
            o = _other(s)
            out[s] = {
                "connected": self.connected(s),
                "peer_paused": self.peer_paused(s),
                "folder_paused": self.folder_paused(s),
                "db": self._try_api(s, "GET", f"/rest/db/status?folder={FOLDER}"),
                "completion": self._try_api(
                    s, "GET", f"/rest/db/completion?folder={FOLDER}&device={self.ids[o]}"
                ),
            }
        return out

    # ------------------------------------------------------------ processes

    def alive(self, side: str) -> bool:
        p = self.procs.get(side)
        return p is not None and p.poll() is None

    def _check_alive(self) -> None:
        for s in SIDES:
            if not self.alive(s):
                code = self.procs[s].returncode if s in self.procs else None
                raise SyncPairError(f"daemon {s} is not running (exit code {code})" + self._logs())

    def _logs(self, lines: int = 25) -> str:
        out = ""
        for s in SIDES:
            try:
                tail = self.log(s).read_text(errors="replace").splitlines()[-lines:]
            except OSError:
                tail = ["(no log)"]
            out += f"\n---- last lines of {self.log(s)} ----\n" + "\n".join(tail)
        return out

    def _launch(self, side: str) -> subprocess.Popen:
        home = self.home(side)
        env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARS}
        env.update(
            STMONITORED="yes",
            STHASHING="minio",
            STNODEFAULTFOLDER="1",
            STNOUPGRADE="1",
            STNORESTART="1",
        )
        with open(self.log(side), "wb") as log:
            return subprocess.Popen(
                [
                    self.syncthing,
                    "serve",
                    f"--home={home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--no-default-folder",
                    "--logflags=3",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
                preexec_fn=_die_with_parent if _PRCTL is not None else None,
            )

    @staticmethod
    def _kill(procs: list[subprocess.Popen], grace: float = 10) -> None:
        """TERM each process group, wait up to grace seconds, then KILL."""
        for p in procs:
            if p.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(p.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for p in procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(max(0.0, deadline - time.monotonic()))
        for p in procs:
            # The group may hold stragglers even after the leader exited.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(p.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(5)

    def stop(self) -> None:
        """Stop both daemons (safe to call more than once, or on a failed start)."""
        procs = [self.procs[s] for s in SIDES if s in self.procs]
        self.procs = {}
        self._kill(procs)
        atexit.unregister(self.stop)

    # ------------------------------------------------------------ config

    def _write_config(self, side: str, listen: int, gui: int, peer_address: str) -> None:
        o = _other(side)
        folder_path = quoteattr(str(self.folder(side)))
        xml = f"""<configuration version="36">
    <folder id="{FOLDER}" label="{FOLDER}" path={folder_path} type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{self.ids["a"]}" introducedBy=""></device>
        <device id="{self.ids["b"]}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <maxConflicts>-1</maxConflicts>
        <pullerPauseS>2</pullerPauseS>
        <markerName>.stfolder</markerName>
        <paused>false</paused>
    </folder>
    <device id="{self.ids[side]}" name="{side}" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:{listen}</address>
        <paused>false</paused>
    </device>
    <device id="{self.ids[o]}" name="{o}" compression="metadata" introducer="false">
        <address>{escape(peer_address)}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:{gui}</address>
        <apikey>{self.apikeys[side]}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <announceLANAddresses>false</announceLANAddresses>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
"""
        (self.home(side) / "config.xml").write_text(xml)
        self.gui[side] = f"127.0.0.1:{gui}"

    def _identity(self, side: str) -> None:
        """Create keys once (a restarted pair keeps its identities and API keys)."""
        home = self.home(side)
        home.mkdir(parents=True, exist_ok=True)
        (self.folder(side) / ".stfolder").mkdir(parents=True, exist_ok=True)
        if not (home / "cert.pem").exists():
            r = subprocess.run(
                [
                    self.syncthing,
                    "generate",
                    f"--home={home}",
                    "--no-default-folder",
                    "--skip-port-probing",
                ],
                capture_output=True,
                text=True,
            )
            if r.returncode != 0:
                raise SyncPairError(f"syncthing generate failed for {side}:\n{r.stdout}{r.stderr}")
        id_file = home / "device-id"
        if not id_file.exists() or not id_file.read_text().strip():
            r = subprocess.run(
                [self.syncthing, "serve", f"--home={home}", "--device-id"],
                capture_output=True,
                text=True,
                check=True,
            )
            id_file.write_text(r.stdout.strip() + "\n")
        self.ids[side] = id_file.read_text().strip()
        key_file = home / "apikey"
        if not key_file.exists():
            key_file.write_text(secrets.token_hex(16) + "\n")
        self.apikeys[side] = key_file.read_text().strip()

    # ------------------------------------------------------------ lifecycle

    def start(self) -> SyncPair:
        """Start both daemons; return once they are connected, idle and in sync.

        On a stopped pair this restarts it with the same identities and data
        (on new ports)."""
        if any(self.alive(s) for s in SIDES):
            raise SyncPairError(f"already running in {self.root}")
        for s in SIDES:
            self._identity(s)
        atexit.register(self.stop)
        deadline = time.monotonic() + self.timeout
        reason = ""
        for _attempt in range(3):
            listen_a, gui_a, listen_b, gui_b = _free_ports(4)
            for s in SIDES:
                if self.log(s).exists():
                    self.log(s).replace(self.log(s).with_suffix(".log.prev"))
            self._write_config("a", listen_a, gui_a, f"tcp://127.0.0.1:{listen_b}")
            self._write_config("b", listen_b, gui_b, "dynamic")
            try:
                # b first (it only listens), then a (it dials b) once b's API answers.
                self.procs["b"] = self._launch("b")
                self._wait_api("b", deadline)
                self.procs["a"] = self._launch("a")
                self._wait_api("a", deadline)
            except _PortCollision as e:
                reason = str(e)
                self.stop()
                atexit.register(self.stop)
                continue
            except BaseException:
                self.stop()
                raise
            try:
                self._wait_sync(deadline, self.timeout)
            except BaseException:
                self.stop()
                raise
            return self
        self.stop()
        raise SyncPairError(f"start failed in {self.root}: {reason}" + self._logs())

    def _wait_api(self, side: str, deadline: float) -> None:
        while True:
            text = ""
            with contextlib.suppress(OSError):
                text = self.log(side).read_text(errors="replace")
            if "address already in use" in text:
                raise _PortCollision(f"port collision on side {side}")
            if not self.alive(side):
                raise SyncPairError(f"daemon {side} exited during startup" + self._logs())
            if self._try_api(side, "GET", "/rest/system/ping", timeout=2) is not None:
                return
            if time.monotonic() > deadline:
                raise SyncPairError(f"daemon {side}: API did not come up" + self._logs())
            time.sleep(0.05)

    def __enter__(self) -> SyncPair:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------ sync state

    def _in_sync_once(self) -> tuple[str, str]:
        """One look at both sides: ("", signature) when connected, idle, nothing
        needed and the peer 100% complete on both sides; else (reason, "")."""
        sig = []
        for s in SIDES:
            o = _other(s)
            if not self.connected(s):
                return f"side {s} is not connected to {o}", ""
            st = self._try_api(s, "GET", f"/rest/db/status?folder={FOLDER}")
            comp = self._try_api(
                s, "GET", f"/rest/db/completion?folder={FOLDER}&device={self.ids[o]}"
            )
            if not isinstance(st, dict) or not isinstance(comp, dict):
                return f"side {s}: API error", ""
            if st["state"] != "idle":
                return f"side {s}: folder is {st['state']}", ""
            if st["needTotalItems"]:
                return f"side {s}: needs {st['needTotalItems']} item(s)", ""
            if st.get("pullErrors"):
                return f"side {s}: {st['pullErrors']} pull error(s)", ""
            if comp["completion"] != 100 or comp["needItems"] or comp["needDeletes"]:
                return f"side {s}: {o} is {comp['completion']}% complete", ""
            sig.append(f"{s}:{st['sequence']}")
        return "", " ".join(sig)

    def _wait_sync(self, deadline: float, timeout: float) -> None:
        # The sync must hold across a fresh rescan of both sides with no
        # sequence change: that catches edits the watcher has not reported yet
        # and the conflict copies a pull creates just before the folder turns idle.
        self.scan_both()
        prev = ""
        reason = "not checked"
        while time.monotonic() < deadline:
            self._check_alive()
            for s in SIDES:
                if self.peer_paused(s):
                    raise SyncPairError(f"side {s} has paused its peer: call resume({s!r}) first")
                if self.folder_paused(s):
                    raise SyncPairError(
                        f"the folder on side {s} is paused: call resume({s!r}, 'folder') first"
                    )
            reason, sig = self._in_sync_once()
            if not reason:
                diff = tree_diff(self.a, self.b)
                if diff:
                    reason = "folders differ: " + "; ".join(diff[:10])
                elif sig == prev:
                    return
                else:
                    prev = sig
                    self.scan_both()
                    continue
            prev = ""
            time.sleep(0.1)
        raise SyncPairError(f"not in sync after {timeout:g}s: {reason}")

    def wait(self, timeout: float = 60) -> None:
        """Block until both sides are connected, idle, 100% in sync, and a and b
        hold the same files with the same content (ignoring .stfolder and
        .syncthing.*.tmp). Rescans both sides first, so edits made just before
        are covered. Raises SyncPairError on timeout, or at once while paused."""
        self._wait_sync(time.monotonic() + timeout, timeout)

    # ------------------------------------------------------------ offline

    def pause(self, side: str, mode: str = "device") -> None:
        """Take one side offline.

        mode "device" (default): side pauses its peer device, so the connection
        drops on both sides; each side keeps scanning its own folder.
        mode "folder": side pauses its folder: no scanning or syncing there.
        """
        self._pause_resume(side, mode, pause=True)

    def resume(self, side: str, mode: str = "device") -> None:
        """Undo pause(side, mode); returns once the connection is back (device)
        or the folder is running again (folder). Call wait() afterwards."""
        self._pause_resume(side, mode, pause=False)

    def _pause_resume(self, side: str, mode: str, *, pause: bool) -> None:
        _check_side(side)
        if mode not in ("device", "folder"):
            raise ValueError(f"mode must be 'device' or 'folder', not {mode!r}")
        self._check_alive()
        o = _other(side)
        verb = "pause" if pause else "resume"
        deadline = time.monotonic() + self.timeout
        if mode == "device":
            if not pause:
                self.scan_both()  # index both sides' offline edits before they meet
            self.api(side, "POST", f"/rest/system/{verb}?device={self.ids[o]}")
            if not pause and self.peer_paused(o):
                return  # o has paused side too: still offline until resume(o)
            while time.monotonic() < deadline:
                a, b = self.connected("a"), self.connected("b")
                if (a and b) if not pause else (not a and not b):
                    return
                time.sleep(0.1)
            raise SyncPairError(f"{verb}: connection did not become connected={not pause}")
        # Folder mode. On resume, index the other side's edits first, else side
        # may first pull over its own unscanned edit and back off.
        if not pause:
            self.scan(o)
        self.api(side, "PATCH", f"/rest/config/folders/{FOLDER}", {"paused": pause})
        while time.monotonic() < deadline:
            if self.folder_paused(side) == pause:
                return
            time.sleep(0.1)
        raise SyncPairError(f"{verb}: folder on {side} did not become paused={pause}")


class _PortCollision(SyncPairError):
    pass


def propagation_time(src: Path, dst: Path, content: bytes, timeout: float = 30) -> float:
    """Write content to src and poll dst until it holds the same bytes;
    return the seconds that took."""
    src.write_bytes(content)
    t0 = time.monotonic()
    while True:
        with contextlib.suppress(OSError):
            if dst.read_bytes() == content:
                return time.monotonic() - t0
        if time.monotonic() - t0 > timeout:
            raise SyncPairError(f"{src.name} did not reach {dst.parent} within {timeout}s")
        time.sleep(0.01)
