"""A real time-stamping authority for the tests: ``openssl ts -reply`` behind HTTP on 127.0.0.1.

It has its own CA (made with ``openssl`` in a test folder) and a TSA certificate with the
critical timeStamping extended key usage, as a public authority has.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

_CONFIG = """\
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = {folder}
serial = {folder}/serial
crypto_device = builtin
signer_cert = {folder}/tsa.crt
certs = {folder}/tsa.crt
signer_key = {folder}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256

[ v3_tsa ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_authority_files(folder: Path) -> tuple[Path, Path]:
    """The CA certificate and the ``openssl ts`` configuration of a new authority."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "tsa.cnf"
    config.write_text(_CONFIG.format(folder=folder))
    (folder / "serial").write_text("01\n")
    subject = ("-subj", "/CN=AppealDesk Test Root")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
             "-out", "ca.crt", "-days", "30", *subject, cwd=folder)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
             "-subj", "/CN=AppealDesk Test TSA", cwd=folder)  # fmt: skip
    _openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "tsa.crt", "-days", "30", "-extfile", str(config),
             "-extensions", "v3_tsa", cwd=folder)  # fmt: skip
    return folder / "ca.crt", config


@dataclass
class LocalAuthority:
    url: str
    ca_file: Path
    requests: list[bytes]  # what it was sent, to show that only the hash went out


@contextmanager
def local_authority(folder: Path, port: int = 0) -> Iterator[LocalAuthority]:
    ca_file, config = make_authority_files(folder)
    received: list[bytes] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock, tempfile.TemporaryDirectory(dir=folder) as work:
                received.append(query)
                (Path(work) / "q.tsq").write_bytes(query)
                subprocess.run(
                    ["openssl", "ts", "-reply", "-queryfile", "q.tsq", "-config", str(config),
                     "-out", "r.tsr"],
                    cwd=work, check=True, capture_output=True,
                )  # fmt: skip
                reply = (Path(work) / "r.tsr").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalAuthority(f"http://127.0.0.1:{server.server_port}/tsa", ca_file, received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def unreachable_url() -> str:
    """An address on 127.0.0.1 where nothing listens: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


def openssl_verifies(response: Path, sha256: str, ca_file: Path) -> bool:
    result = subprocess.run(
        ["openssl", "ts", "-verify", "-in", str(response), "-digest", sha256,
         "-CAfile", str(ca_file)],
        capture_output=True, text=True,
    )  # fmt: skip
    return result.returncode == 0 and "Verification: OK" in result.stdout
