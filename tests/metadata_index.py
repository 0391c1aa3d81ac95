"""A local package index over PyPI that lets pip resolve from wheel metadata alone."""

import io
import json
import threading
import zipfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urljoin, urlsplit

import requests
from packaging.tags import Tag
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import Version
from urllib3.util import Retry

PYPI = "https://pypi.org/simple/"
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
TIMEOUT = (10, 60)  # seconds to connect, to wait for data
THREADS = 16


class MetadataIndex:
    """pip sees PyPI through this index. Each wheel announces its `.metadata` file (PEP 658 and
    714) and every file link points back here, where only `.metadata` files are served: PyPI's
    own, or when a mirror lacks it, the wheel's METADATA read with HTTP range requests. A
    resolution therefore never downloads a distribution (a CUDA torch is GBs): pip fails
    instead, and `refused` names the file. A project in `pins` lists only the wheels of its
    pinned version: pip could pick no other, and the smaller pages resolve several times faster.
    Upstream failures raise OSError (requests' errors are OSErrors)."""

    def __init__(self, pins: Mapping[str, str | Version], upstream: str = PYPI):
        self.upstream = upstream
        self.pins = {canonicalize_name(name): Version(str(pin)) for name, pin in pins.items()}
        self.fetched_bytes = 0
        self.requests = 0
        self.refused: list[str] = []
        self._pages: dict[str, bytes] = {}
        self._metadata: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._session = requests.Session()
        retry = Retry(total=3, connect=1, backoff_factor=0.5,
                      status_forcelist=(429, 500, 502, 503, 504))
        adapter = requests.adapters.HTTPAdapter(pool_maxsize=THREADS, max_retries=retry)
        self._session.mount("https://", adapter)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> "MetadataIndex":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._session.close()

    def fetch(self, url: str, accept: str = "*/*", byte_range: str = "") -> requests.Response:
        """GET from upstream (a Range of bytes if given); HTTP errors raise, and so does a
        server that would send a whole file for a range."""
        headers = {"Accept": accept, **({"Range": f"bytes={byte_range}"} if byte_range else {})}
        response = self._session.get(url, headers=headers, timeout=TIMEOUT, stream=True)
        response.raise_for_status()
        if byte_range and response.status_code != 206:
            response.close()
            raise OSError(f"{url}: the server ignores range requests")
        with self._lock:
            self.fetched_bytes += len(response.content)
            self.requests += 1
        return response

    def page(self, project: str) -> bytes:
        """The project's index page (PEP 691 JSON), rewritten; fetched once per instance."""
        with self._lock:
            if project in self._pages:
                return self._pages[project]
        page_url = urljoin(self.upstream, f"{project}/")
        data = self.fetch(page_url, SIMPLE_JSON).json()
        pin = self.pins.get(canonicalize_name(project))
        if pin is not None:
            data["files"] = [file for file in data["files"]
                             if (_wheel(file["filename"]) or (None, None))[1] == pin]
        for file in data["files"]:
            parts = urlsplit(urljoin(page_url, file["url"]))
            file["url"] = f"{self.url}files/{parts.netloc}{parts.path}"
            if file["filename"].endswith(".whl"):
                file["core-metadata"] = file.get("core-metadata") or True
                file["dist-info-metadata"] = "true"  # read by pip < 23.2, as a string only
        body = json.dumps(data).encode()
        with self._lock:
            self._pages[project] = body
        return body

    def metadata(self, wheel_url: str) -> bytes:
        """The wheel's METADATA file; fetched once per instance."""
        with self._lock:
            if wheel_url in self._metadata:
                return self._metadata[wheel_url]
        try:
            body = self.fetch(f"{wheel_url}.metadata").content
        except requests.HTTPError as error:
            if error.response.status_code != 404:
                raise
            with zipfile.ZipFile(_RemoteFile(self, wheel_url)) as wheel:
                name = next(name for name in wheel.namelist()
                            if name.count("/") == 1 and name.endswith(".dist-info/METADATA"))
                body = wheel.read(name)
        with self._lock:
            self._metadata[wheel_url] = body
        return body

    def warm(self, targets: Iterable[list[Tag]]) -> None:
        """Fetch, in parallel, the page of each pinned project and the metadata of the wheel
        pip will pick for each target (its supported tags, best first). Only saves time: pip
        fetches whatever it needs anyway."""
        ranks = [{tag: rank for rank, tag in enumerate(tags)} for tags in targets]
        with ThreadPoolExecutor(THREADS) as pool:
            wheels = set()
            for page in pool.map(self.page, self.pins):
                files = json.loads(page)["files"]
                wheels.update(_best_wheel(files, target) for target in ranks)
            wheels.discard(None)
            prefix = f"{self.url}files/"
            list(pool.map(self.metadata, (f"https://{url.removeprefix(prefix)}" for url in wheels)))


def _wheel(filename: str):
    """(name, version, build, tags) of a wheel file name; None for another file or for the
    ancient names that break today's rules (pydantic-0.18-py36+-none-any.whl)."""
    if not filename.endswith(".whl"):
        return None
    try:
        return parse_wheel_filename(filename)
    except InvalidWheelFilename:
        return None


def _best_wheel(files: list[dict], ranks: dict[Tag, int]) -> str | None:
    """URL of the wheel whose best tag ranks first among a target's tags, as pip chooses."""
    best = None
    for file in files:
        wheel = _wheel(file["filename"])
        if wheel is not None:
            tags = wheel[3]
            rank = min((ranks[tag] for tag in tags if tag in ranks), default=None)
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, file["url"])
    return best and best[1]


def _handler(index: MetadataIndex) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kind, _, rest = self.path.lstrip("/").partition("/")
            try:
                if kind == "simple" and rest.strip("/"):
                    self._send(200, index.page(rest.strip("/")), SIMPLE_JSON)
                elif kind == "files" and rest.endswith(".whl.metadata"):
                    wheel_url = f"https://{rest.removesuffix('.metadata')}"
                    self._send(200, index.metadata(wheel_url), "text/plain")
                else:
                    with index._lock:
                        index.refused.append(self.path)
                    self._send(403, b"metadata only: this index serves no distributions\n")
            except OSError as error:
                status = getattr(getattr(error, "response", None), "status_code", None) or 502
                self._send(status, f"upstream: {error}\n".encode())

        def _send(self, status: int, body: bytes, content_type: str = "text/plain") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # pip's requests are not worth a line each
            pass

    return Handler


class _RemoteFile(io.RawIOBase):
    """A read-only file over HTTP range requests, for zipfile, which reads the end of the
    archive (the central directory), then one member. Each read asks for at least CHUNK bytes
    and is kept, so the usual small wheel costs two requests."""

    CHUNK = 1 << 14

    def __init__(self, index: MetadataIndex, url: str):
        self._index, self._url, self._pos = index, url, 0
        tail = index.fetch(url, byte_range=f"-{self.CHUNK}")
        self._size = int(tail.headers["Content-Range"].rpartition("/")[2])
        self._chunks = [(self._size - len(tail.content), tail.content)]

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        origin = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = origin + offset
        return self._pos

    def readinto(self, buffer) -> int:
        size = min(len(buffer), self._size - self._pos)
        if size <= 0:
            return 0
        for start, chunk in self._chunks:
            if start <= self._pos and self._pos + size <= start + len(chunk):
                break
        else:
            start = self._pos
            end = min(self._size, start + max(size, self.CHUNK)) - 1
            chunk = self._index.fetch(self._url, byte_range=f"{start}-{end}").content
            self._chunks.append((start, chunk))
        buffer[:size] = chunk[self._pos - start : self._pos - start + size]
        self._pos += size
        return size
