"""Password hashing with the standard library's scrypt: no native dependency to package.

A stored hash reads `scrypt$N$r$p$salt$digest`, so hashes made with older parameters keep
verifying and are replaced at the next successful sign-in (`needs_rehash`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

from db.i18n import QT_TRANSLATE_NOOP, Number

_PREFIX = "scrypt"
_SALT_BYTES = 16
_DIGEST_BYTES = 32


@dataclass(frozen=True, order=True)
class ScryptParams:
    """scrypt's cost: N (CPU and memory), r (block size), p (parallelism)."""

    n: int
    r: int
    p: int

    @property
    def memory(self) -> int:
        """Bytes scrypt needs for these parameters (128·N·r, plus 128·r·p)."""
        return 128 * self.r * (self.n + self.p)

    def at_least(self, other: ScryptParams) -> bool:
        return self.n >= other.n and self.r >= other.r and self.p >= other.p

    @property
    def work(self) -> int:
        return self.n * self.r * self.p

    def __str__(self) -> str:
        return f"scrypt N=2^{self.n.bit_length() - 1}, r={self.r}, p={self.p}"


# OWASP's recommendation (Password Storage Cheat Sheet): N=2^17, r=8, p=1, 128 MiB per hash.
CURRENT = ScryptParams(n=2**17, r=8, p=1)
# Weaker stored hashes never match: a hash written (or planted) with cheap parameters would be
# cheap to crack, so it is as good as no password. 2^14 is what ChurnWatch used before.
FLOOR = ScryptParams(n=2**14, r=8, p=1)
# And a stored hash may not make a sign-in take gigabytes or minutes either.
MAX_MEMORY = 1024**3
MAX_WORK = 8 * CURRENT.n * CURRENT.r * CURRENT.p


def current_params() -> ScryptParams:
    """The parameters new hashes get (a function, so a test can lower them in one place)."""
    return CURRENT


def _scrypt(password: str, salt: bytes, params: ScryptParams, dklen: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        dklen=dklen,
        maxmem=params.memory + 1024 * 1024,  # OpenSSL's default limit is 32 MiB
    )


def _encode(params: ScryptParams, salt: bytes, digest: bytes) -> str:
    b64 = base64.urlsafe_b64encode
    return f"{_PREFIX}${params.n}${params.r}${params.p}${b64(salt).decode()}${b64(digest).decode()}"


def hash_password(password: str) -> str:
    params = current_params()
    salt = secrets.token_bytes(_SALT_BYTES)
    return _encode(params, salt, _scrypt(password, salt, params, _DIGEST_BYTES))


def _parse(stored: str) -> tuple[ScryptParams, bytes, bytes] | None:
    """The parameters, salt and digest of a stored hash; None when malformed or out of bounds."""
    try:
        prefix, n, r, p, salt, digest = stored.split("$")
        params = ScryptParams(int(n), int(r), int(p))
        salt_bytes = base64.urlsafe_b64decode(salt)
        digest_bytes = base64.urlsafe_b64decode(digest)
    except (ValueError, TypeError, AttributeError):
        return None
    if prefix != _PREFIX or params.n & (params.n - 1):  # N must be a power of two
        return None
    if not params.at_least(FLOOR) or params.memory > MAX_MEMORY or params.work > MAX_WORK:
        return None
    if len(salt_bytes) < _SALT_BYTES or len(digest_bytes) < _DIGEST_BYTES:
        return None
    return params, salt_bytes, digest_bytes


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches `stored`.

    False for a wrong password, a malformed hash, or one made with parameters below `FLOOR`
    (or beyond the memory and work limits). Those refusals cost a full verification too, so the
    time taken does not tell an account with a damaged hash from one with a wrong password.
    """
    parsed = _parse(stored)
    if parsed is None:
        parsed = _parse(dummy_hash())
        assert parsed is not None
        _scrypt(password, parsed[1], parsed[0], len(parsed[2]))
        return False
    params, salt, expected = parsed
    try:
        actual = _scrypt(password, salt, params, len(expected))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """True when a hash that verifies was made with weaker parameters than new hashes get."""
    parsed = _parse(stored)
    if parsed is None:
        return False  # it cannot verify, so there is nothing to upgrade
    return not parsed[0].at_least(current_params())


def scheme(stored: str) -> str:
    """The scheme and parameters of a stored hash, for the audit log (never the hash itself)."""
    parsed = _parse(stored)
    return str(parsed[0]) if parsed else "unknown"


_dummies: dict[ScryptParams, str] = {}


def dummy_hash() -> str:
    """A stored hash nothing matches, with the current parameters: a sign-in for a username
    that does not exist verifies against it and costs what a wrong password costs."""
    params = current_params()
    if params not in _dummies:
        # Random salt and digest: verifying costs one scrypt, like a real hash, without
        # computing one up front.
        salt, digest = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_DIGEST_BYTES)
        _dummies[params] = _encode(params, salt, digest)
    return _dummies[params]


# --- what a new password must be ---------------------------------------------------------------

MIN_LENGTH = 12
MAX_LENGTH = 1024  # scrypt takes any length; this keeps a pasted file out of the hash
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")


@functools.cache
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords, lower-case (`common_passwords.txt`)."""
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip().lower() for s in lines if s.strip() and not s.startswith("#"))


def password_problems(password: str, username: str = "") -> list[str]:
    """What is wrong with a new password, as short sentences (empty when it is acceptable):
    at least 12 characters, not the username, not on the common-password list."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(
            QT_TRANSLATE_NOOP(
                "Validation", "use at least {n} characters (this is {length})"
            ).format(n=MIN_LENGTH, length=len(password))
        )
    elif len(password) > MAX_LENGTH:
        problems.append(
            QT_TRANSLATE_NOOP("Validation", "use at most {n} characters").format(
                n=Number(MAX_LENGTH)
            )
        )
    folded = password.strip().casefold()
    name = username.strip().casefold()
    if name and (folded == name or (name in folded and len(folded) - len(name) < 4)):
        problems.append(QT_TRANSLATE_NOOP("Validation", "it may not be the username"))
    if folded in common_passwords():
        problems.append(QT_TRANSLATE_NOOP("Validation", "it is a common password"))
    if password and len(set(password)) == 1:
        problems.append(QT_TRANSLATE_NOOP("Validation", "it is one character repeated"))
    return problems
