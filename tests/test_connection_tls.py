"""TLS to MySQL: `ssl_verify=1` checks the certificate (against `ssl_ca` or the system's CA store)
and the host name, and a certificate failure is reported as one, not as an unreachable server.

The server is a throwaway mariadbd started here with a self-signed certificate; the shared server
is never reconfigured.
"""

from __future__ import annotations

import shutil
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.connection import (
    DatabaseConfigError,
    DatabaseUnavailable,
    _tls_context,
    connect,
    parse_url,
)
from desktop.cli import main
from tests.conftest import mysql_base
from tests.throwaway_mariadb import Server, mariadbd, self_signed_certificate


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("certs")
    server_cert, server_key = self_signed_certificate(folder, "server", san="IP:127.0.0.1")
    other_cert, _ = self_signed_certificate(folder, "other", san="IP:127.0.0.1")
    return {"cert": server_cert, "key": server_key, "other": other_cert}


@pytest.fixture(scope="module")
def tls_server(
    tmp_path_factory: pytest.TempPathFactory, certs: dict[str, Path]
) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("tls-mariadb")
    with mariadbd(root, [f"--ssl-cert={certs['cert']}", f"--ssl-key={certs['key']}"]) as server:
        yield server


def cipher(database: object) -> str:
    row = database.execute_sql("SHOW SESSION STATUS LIKE 'Ssl_cipher'").fetchone()  # type: ignore[attr-defined]
    return str(row[1])


@pytest.mark.mysql
def test_verify_without_a_ca_checks_the_system_store_and_says_it_is_the_certificate(
    tls_server: Server,
) -> None:
    # Before: PyMySQL silently skipped verification without a CA and this connected.
    with pytest.raises(DatabaseUnavailable) as info:
        connect(tls_server.url(query="ssl_verify=1"))
    message = str(info.value)
    assert message.startswith("the MySQL server's certificate could not be verified: ")
    assert "self-signed certificate" in message
    assert "cannot reach" not in message


@pytest.mark.mysql
def test_the_servers_own_ca_gets_past_verification(
    tls_server: Server, certs: dict[str, Path]
) -> None:
    database, _ = connect(tls_server.url(query=f"ssl_verify=1&ssl_ca={certs['cert']}"))
    try:
        assert cipher(database)  # the session really is encrypted
    finally:
        database.close()


@pytest.mark.mysql
def test_a_ca_alone_verifies_too(tls_server: Server, certs: dict[str, Path]) -> None:
    with pytest.raises(DatabaseUnavailable, match="certificate could not be verified"):
        connect(tls_server.url(query=f"ssl_ca={certs['other']}"))


@pytest.mark.mysql
def test_a_name_the_certificate_does_not_cover_is_refused(
    tls_server: Server, certs: dict[str, Path]
) -> None:
    url = f"mysql://root@localhost:{tls_server.port}/mysql?ssl_verify=1&ssl_ca={certs['cert']}"
    with pytest.raises(DatabaseUnavailable) as info:
        connect(url)
    assert "certificate could not be verified" in str(info.value)
    assert "localhost" in str(info.value)
    # ssl_verify=0 with a CA: the chain is still checked, the name is not.
    database, _ = connect(url.replace("ssl_verify=1", "ssl_verify=0"))
    database.close()


@pytest.mark.mysql
def test_verify_off_without_a_ca_still_encrypts(tls_server: Server) -> None:
    database, _ = connect(tls_server.url(query="ssl_verify=0"))
    try:
        assert cipher(database)
    finally:
        database.close()


@pytest.mark.mysql
def test_init_db_creates_the_database_over_verified_tls(
    tls_server: Server, certs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url = tls_server.url("churnwatch_tls", query=f"ssl_verify=1&ssl_ca={certs['cert']}")
    assert main(["--db", url, "init-db"]) == 0
    assert "Created schema version" in capsys.readouterr().out

    assert main(["--db", tls_server.url("churnwatch_tls", query="ssl_verify=1"), "init-db"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("churnwatch: error: the MySQL server's certificate could not be verified")
    assert len(err.splitlines()) == 1


@pytest.mark.mysql
def test_a_server_without_tls_is_named_as_such() -> None:
    # The shared server runs without TLS; asking for it is refused in one clear line.
    url = parse_url(mysql_base() + "/mysql")
    with pytest.raises(DatabaseUnavailable, match="does not offer TLS"):
        connect(f"mysql://{url.user}@{url.host}:{url.port}/mysql?ssl_verify=1")


# --- the context built from the URL (no server needed) -------------------------------------------


@pytest.mark.parametrize(
    ("query", "verify_mode", "check_hostname"),
    [
        ("ssl_verify=1", ssl.CERT_REQUIRED, True),
        ("ssl_verify=true", ssl.CERT_REQUIRED, True),
        ("ssl_verify=0", ssl.CERT_NONE, False),
        ("ssl_ca={ca}", ssl.CERT_REQUIRED, True),
        ("ssl_ca={ca}&ssl_verify=0", ssl.CERT_REQUIRED, False),
        ("ssl_ca={ca}&ssl_verify=1", ssl.CERT_REQUIRED, True),
    ],
)
def test_tls_parameters_give_the_context(
    certs: dict[str, Path], query: str, verify_mode: ssl.VerifyMode, check_hostname: bool
) -> None:
    url = parse_url(f"mysql://u@db.internal/x?{query.format(ca=certs['cert'])}")
    context = _tls_context(url)
    assert context is not None
    assert context.verify_mode == verify_mode
    assert context.check_hostname is check_hostname


def test_no_tls_parameters_no_context() -> None:
    assert _tls_context(parse_url("mysql://u@db.internal/x")) is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ssl_verify=maybe", "ssl_verify must be 1 or 0, not 'maybe'"),
        ("ssl_ca=/nonexistent/ca.pem", "the ssl_ca file /nonexistent/ca.pem does not exist"),
        ("ssl_key={key}", "ssl_key needs ssl_cert"),
        ("ssl_ca={key}", "holds no usable certificate"),
        ("ssl_cert={ca}&ssl_key={ca}", "cannot be used"),
    ],
)
def test_bad_tls_parameters_are_one_clear_line(
    certs: dict[str, Path], query: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    q = query.format(ca=certs["cert"], key=certs["key"])
    with pytest.raises(DatabaseConfigError, match=message.replace("(", r"\(")):
        _tls_context(parse_url(f"mysql://u@db.internal/x?{q}"))
    assert main(["--db", f"mysql://u@127.0.0.1:1/x?{q}", "db-check"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("churnwatch: error: ") and message in err and len(err.splitlines()) == 1
