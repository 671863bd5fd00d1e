"""A small Language Server Protocol client over stdio, enough to drive yaml-language-server from tests.

    with LspClient([yls, "--stdio"], root=tmp_path) as lsp:
        found = lsp.diagnostics(tmp_path / "report.yaml")

It frames messages with ``Content-Length``, runs ``initialize``/``initialized``, pushes the ``yaml`` settings with
``workspace/didChangeConfiguration`` and answers the server's own requests (``workspace/configuration`` with the same
settings, capability registration and progress with ``null``). ``diagnostics`` opens a file under its real
``file://`` URI, so a ``# yaml-language-server: $schema=…`` modeline resolves relative to the file as in an editor,
and waits for the ``textDocument/publishDiagnostics`` that answers that open.

Positions are as the server sends them: 0-based lines and characters (UTF-16 code units; the same as code points
for Chinese text, which lies in the Basic Multilingual Plane). ``cli_position`` turns one into the 1-based
``line:column`` that ``govreport validate`` prints.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

DEFAULT_TIMEOUT = 60.0


class LspError(RuntimeError):
    """The server answered with an error, died, or did not answer in time."""


def yaml_settings(schemas: Mapping[str, str | Sequence[str]] | None = None) -> dict[str, Any]:
    """Settings as an editor with the YAML extension sends them: validation on, no network schema store."""
    return {
        "yaml": {
            "validate": True,
            "completion": True,
            "hover": True,
            "format": {"enable": False},
            "schemaStore": {"enable": False, "url": ""},
            "schemas": dict(schemas or {}),
            "yamlVersion": "1.2",
            "disableDefaultProperties": False,
            "maxItemsComputed": 5000,
        },
        "http": {"proxy": "", "proxyStrictSSL": False},
        "editor": {"tabSize": 2, "detectIndentation": True},
        "files": {"associations": {}},
        "[yaml]": {},
    }


def cli_position(diagnostic: Mapping[str, Any]) -> tuple[int, int]:
    """A diagnostic's start as the CLI's 1-based (line, column)."""
    start = diagnostic["range"]["start"]
    return int(start["line"]) + 1, int(start["character"]) + 1


class LspClient:
    """One language server process, spoken to over its stdin and stdout."""

    def __init__(
        self,
        command: Sequence[str],
        root: Path,
        *,
        settings: Mapping[str, Any] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.command = list(command)
        self.root = Path(root).resolve()
        self.settings: dict[str, Any] = dict(settings) if settings is not None else yaml_settings()
        self.timeout = timeout
        self.server_info: dict[str, Any] = {}
        self.capabilities: dict[str, Any] = {}
        self.log: deque[dict[str, Any]] = deque(maxlen=200)  # window/logMessage, showMessage and the like
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Condition()
        self._write_lock = threading.Lock()
        self._next_id = 0
        self._responses: dict[int, dict[str, Any]] = {}
        self._published: dict[str, list[dict[str, Any]]] = {}  # uri -> every publishDiagnostics params, in order
        self._versions: dict[str, int] = {}
        self._open: set[str] = set()
        self._stderr: deque[str] = deque(maxlen=50)
        self._closed = False
        self._threads: list[threading.Thread] = []

    # -- lifecycle -------------------------------------------------------------------------------------------------

    def __enter__(self) -> LspClient:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        self._process = subprocess.Popen(
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=self.root,
        )
        self._threads = [
            threading.Thread(target=self._guarded, args=(self._read_stdout,), name="lsp-stdout", daemon=True),
            threading.Thread(target=self._guarded, args=(self._read_stderr,), name="lsp-stderr", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        try:
            answer = self.request(
                "initialize",
                {
                    "processId": None,
                    "clientInfo": {"name": "govreport-tests", "version": "1"},
                    "rootUri": self.root.as_uri(),
                    "rootPath": str(self.root),
                    "workspaceFolders": [{"uri": self.root.as_uri(), "name": self.root.name}],
                    "initializationOptions": {},
                    "capabilities": {
                        "general": {"positionEncodings": ["utf-16"]},
                        "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
                        "textDocument": {
                            "synchronization": {"dynamicRegistration": False, "didSave": True},
                            "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
                            "completion": {"completionItem": {"snippetSupport": True}},
                            "hover": {"contentFormat": ["markdown", "plaintext"]},
                        },
                    },
                },
            )
            self.server_info = dict(answer.get("serverInfo") or {})
            self.capabilities = dict(answer.get("capabilities") or {})
            self.notify("initialized", {})
            self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """``shutdown`` and ``exit``, then make sure the process is gone."""
        process = self._process
        if process is None or self._closed:
            return
        self._closed = True
        try:
            if process.poll() is None:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                process.wait(timeout=10)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
            for thread in self._threads:  # both reach end of file once the process is gone
                thread.join(timeout=10)
            for stream in (process.stdin, process.stdout, process.stderr):
                if stream is not None:
                    stream.close()

    # -- messages --------------------------------------------------------------------------------------------------

    def request(self, method: str, params: Any, *, timeout: float | None = None) -> Any:
        """Send a request and wait for its result; an error answer raises ``LspError``."""
        with self._lock:
            self._next_id += 1
            ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        with self._lock:
            while ident not in self._responses:
                self._check_alive(f"waiting for the answer to {method}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LspError(f"no answer to {method} within {timeout or self.timeout:g} s{self._stderr_tail()}")
                self._lock.wait(min(left, 0.5))
            answer = self._responses.pop(ident)
        if "error" in answer:
            raise LspError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self._send(message)

    def _send(self, message: Mapping[str, Any]) -> None:
        process = self._process
        if process is None or process.stdin is None:
            raise LspError("the server is not running")
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        with self._write_lock:
            try:
                process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                process.stdin.flush()
            except (BrokenPipeError, ValueError) as exc:
                raise LspError(f"the server closed its input{self._stderr_tail()}") from exc

    def _guarded(self, reader: Callable[[], None]) -> None:
        """Run a reader thread; a stream closed under it ends it quietly, and waiters are woken."""
        try:
            reader()
        except (OSError, ValueError):
            pass
        finally:
            with self._lock:
                self._lock.notify_all()

    def _read_stdout(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout
        while True:
            length = None
            while True:  # headers, up to the empty line
                line = stream.readline()
                if not line:
                    with self._lock:
                        self._lock.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            body = stream.read(length)
            if len(body) < length:
                with self._lock:
                    self._lock.notify_all()
                return
            self._dispatch(json.loads(body.decode("utf-8")))

    def _read_stderr(self) -> None:
        assert self._process is not None and self._process.stderr is not None
        for raw in self._process.stderr:
            self._stderr.append(raw.decode("utf-8", "replace").rstrip())

    def _dispatch(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method is None:  # an answer to one of our requests
            with self._lock:
                self._responses[int(message["id"])] = message
                self._lock.notify_all()
        elif "id" in message:  # the server asks us something
            self._answer(message["id"], method, message.get("params"))
        elif method == "textDocument/publishDiagnostics":
            params = message["params"]
            with self._lock:
                self._published.setdefault(params["uri"], []).append(params)
                self._lock.notify_all()
        else:
            self.log.append(message)

    def _answer(self, ident: Any, method: str, params: Any) -> None:
        result: Any = None
        if method == "workspace/configuration":
            result = [self._section(item.get("section")) for item in (params or {}).get("items", [])]
        elif method == "workspace/workspaceFolders":
            result = [{"uri": self.root.as_uri(), "name": self.root.name}]
        # client/registerCapability, window/workDoneProgress/create, window/showMessageRequest: null is fine
        self._send({"jsonrpc": "2.0", "id": ident, "result": result})

    def _section(self, section: str | None) -> Any:
        if not section:
            return self.settings
        if section in self.settings:
            return self.settings[section]
        node: Any = self.settings
        for part in section.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def _check_alive(self, doing: str) -> None:
        process = self._process
        if process is None or process.poll() is not None:
            code = None if process is None else process.returncode
            raise LspError(f"the server exited (code {code}) while {doing}{self._stderr_tail()}")

    def _stderr_tail(self) -> str:
        return ("; server stderr:\n" + "\n".join(self._stderr)) if self._stderr else ""

    # -- documents -------------------------------------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None, language_id: str = "yaml") -> str:
        """``didOpen`` (or a full-text ``didChange`` if already open); returns the document's URI."""
        path = Path(path).resolve()
        uri = path.as_uri()
        body = path.read_text(encoding="utf-8") if text is None else text
        version = self._versions.get(uri, 0) + 1
        self._versions[uri] = version
        if uri in self._open:
            self.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": body}]},
            )
        else:
            self._open.add(uri)
            self.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": body}},
            )
        return uri

    def close_document(self, path: Path) -> None:
        uri = Path(path).resolve().as_uri()
        if uri in self._open:
            self._open.discard(uri)
            self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def diagnostics(self, path: Path, text: str | None = None, *, timeout: float | None = None) -> list[dict[str, Any]]:
        """Open ``path`` (with ``text`` instead of its content if given) and return the diagnostics published for it.

        The document stays open until ``close_document`` or the end of the session, so completion and hover can
        follow; calling this again sends the new text as a change and waits for the diagnostics of that version.
        """
        uri = Path(path).resolve().as_uri()
        with self._lock:
            seen = len(self._published.get(uri, []))
        self.open(path, text)
        version = self._versions[uri]
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        with self._lock:
            while True:
                for params in self._published.get(uri, [])[seen:]:
                    # A server that reports versions must report this one; one that does not answers in order.
                    if params.get("version") in (None, version):
                        return list(params["diagnostics"])
                self._check_alive(f"waiting for diagnostics of {path}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LspError(
                        f"no diagnostics for {path} within {timeout or self.timeout:g} s{self._stderr_tail()}"
                    )
                self._lock.wait(min(left, 0.5))

    def completion(self, path: Path, line: int, character: int) -> list[dict[str, Any]]:
        """Completion items at a 0-based position of an open document."""
        result = self.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": Path(path).resolve().as_uri()},
                "position": {"line": line, "character": character},
            },
        )
        if result is None:
            return []
        return list(result["items"] if isinstance(result, dict) else result)

    def hover(self, path: Path, line: int, character: int) -> Any:
        """The hover answer at a 0-based position of an open document (``None`` when there is nothing)."""
        return self.request(
            "textDocument/hover",
            {
                "textDocument": {"uri": Path(path).resolve().as_uri()},
                "position": {"line": line, "character": character},
            },
        )
