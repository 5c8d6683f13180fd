"""Fixtures for the WooCommerce connector: sample payloads, a simulator on a real socket (HTTP
and HTTPS with a self-signed certificate), and connectors pointed at it."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from koppeling.connectors.sales.woocommerce.connector import WooCommerceSource
from koppeling.simulators.base import serve
from koppeling.simulators.woocommerce import WooCommerceSimulator

FIXTURES = Path(__file__).resolve().parents[3] / "koppeling/connectors/sales/woocommerce/fixtures"


def load(name: str):
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture
def fixture():
    return load


@pytest.fixture
def sim():
    return WooCommerceSimulator(seed=42)


def stop(server) -> None:
    """Shut the server down without waiting for its half-second poll: a connection wakes it."""
    stopper = threading.Thread(target=server.shutdown)
    stopper.start()
    while stopper.is_alive():
        try:
            socket.create_connection(server.server_address, timeout=1).close()
        except OSError:
            pass
        stopper.join(0.05)
    server.server_close()


@pytest.fixture
def shop(sim):
    """The simulator served over plain HTTP on loopback: (simulator, base url)."""
    server, url = serve(sim)
    yield sim, url
    stop(server)


class Sleeps(list):
    """Records the waits HttpClient asks for, instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def make_source(sleeps):
    def make(url: str, sim: WooCommerceSimulator, *, secret: str | None = None, **config) -> WooCommerceSource:
        credentials = {"consumer_key": sim.consumer_key,
                       "consumer_secret": sim.consumer_secret if secret is None else secret}
        return WooCommerceSource({"url": url, **config}, credentials, sleep=sleeps)

    return make


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "shop.pem", directory / "shop.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_shop(sim, tmp_path):
    """The simulator served over HTTPS: (simulator, base url, path of its self-signed certificate)."""
    cert_path, key_path = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server, url = serve(sim, ssl_context=context)
    yield sim, url, cert_path
    stop(server)
