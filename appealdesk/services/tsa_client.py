"""Asking a time-stamping authority (RFC 3161) for a token over a SHA-256, and checking it.

(The addresses of the authorities, and what a token is, are in :mod:`tsa_addresses`: the
window shows them without loading what it takes to ask and check.)

Only the hash leaves the machine: the request holds the SHA-256, a random nonce and the
wish for the authority's certificate. The answer is hostile until checked: it must be a
granted TimeStampResp whose token covers exactly this hash, with our nonce, signed by a
certificate meant for time stamping. Its signature is also checked against the trusted
roots (the system's, and ``APPEALDESK_TSA_CA_FILE``); a token whose authority none of them
vouches for is kept, marked as not verified, since a recipient can still check it with the
authority's own CA certificate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import ssl
import urllib.error
import urllib.request
import warnings
from functools import cache
from pathlib import Path

import cryptography.x509
from rfc3161_client import (
    HashAlgorithm,
    PKIStatus,
    TimestampRequestBuilder,
    TimeStampResponse,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

from appealdesk.domain.errors import AppealDeskError
from appealdesk.i18n import _
from appealdesk.services.tsa_addresses import TIMEOUT_SECONDS, Token, host_of

CA_FILE_VARIABLE = "APPEALDESK_TSA_CA_FILE"
_MAX_RESPONSE = 256 * 1024  # real replies are a few kilobytes


class TimestampRequestError(AppealDeskError):
    """The authority could not be asked, or its answer is no valid token for the hash."""


def request_token(
    url: str, original: bytes, sha256: str, timeout: float = TIMEOUT_SECONDS
) -> Token:
    """Asks ``url`` for a token over the SHA-256 of ``original`` (which must be ``sha256``)."""
    if hashlib.sha256(original).hexdigest() != sha256:
        raise TimestampRequestError(_("The stored file no longer matches its SHA-256."))
    request = (
        TimestampRequestBuilder()
        .data(original)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    answer = _post(url, request.as_bytes(), timeout)
    host = host_of(url)
    try:
        response = decode_timestamp_response(answer)
    except ValueError as exc:
        raise TimestampRequestError(
            _("{host} did not answer with a time stamp.").format(host=host)
        ) from exc
    digest = bytes.fromhex(sha256)
    _check(response, digest, request.nonce, host)
    return Token(
        response=response.as_bytes(),
        stamped_at_utc=_utc(response.tst_info.gen_time),
        signature_verified=_signature_verified(response, digest, request.nonce),
    )


def _post(url: str, body: bytes, timeout: float) -> bytes:
    host = host_of(url)
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/timestamp-query",
            "Accept": "application/timestamp-reply",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            answer: bytes = reply.read(_MAX_RESPONSE + 1)
    except urllib.error.HTTPError as exc:
        raise TimestampRequestError(
            _("{host} refused the request (HTTP {status}).").format(host=host, status=exc.code)
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TimestampRequestError(
            _("{host} cannot be reached: {reason}").format(host=host, reason=reason)
        ) from exc
    if len(answer) > _MAX_RESPONSE:
        raise TimestampRequestError(_("{host} did not answer with a time stamp.").format(host=host))
    return answer


def _check(response: TimeStampResponse, digest: bytes, nonce: int | None, host: str) -> None:
    if response.status != PKIStatus.GRANTED:
        raise TimestampRequestError(
            _("{host} did not grant a time stamp (status {status}).").format(
                host=host, status=response.status
            )
        )
    info = response.tst_info
    imprint = info.message_imprint
    if imprint.hash_algorithm.dotted_string != "2.16.840.1.101.3.4.2.1" or (
        imprint.message != digest
    ):
        raise TimestampRequestError(
            _("The time stamp from {host} is not over this file's SHA-256.").format(host=host)
        )
    if nonce is None or info.nonce != nonce:
        raise TimestampRequestError(
            _("The time stamp from {host} does not answer this request.").format(host=host)
        )
    signer = _signer_certificate(response)
    if signer is None or not _meant_for_time_stamping(signer):
        raise TimestampRequestError(
            _("The time stamp from {host} is not signed by a time-stamping certificate.").format(
                host=host
            )
        )


def _signer_certificate(response: TimeStampResponse) -> cryptography.x509.Certificate | None:
    infos = list(response.signed_data.signer_infos)
    if len(infos) != 1:
        return None
    signer = infos[0]
    for der in response.signed_data.certificates:
        try:
            certificate = cryptography.x509.load_der_x509_certificate(der)
        except ValueError:
            continue
        if (
            certificate.issuer == signer.issuer
            and certificate.serial_number == signer.serial_number
        ):
            return certificate
    return None


def _meant_for_time_stamping(certificate: cryptography.x509.Certificate) -> bool:
    try:
        usage = certificate.extensions.get_extension_for_class(cryptography.x509.ExtendedKeyUsage)
    except (cryptography.x509.ExtensionNotFound, ValueError):
        return False
    return usage.critical and cryptography.x509.ExtendedKeyUsageOID.TIME_STAMPING in usage.value


def _signature_verified(response: TimeStampResponse, digest: bytes, nonce: int | None) -> bool:
    roots = trusted_roots()
    if not roots or nonce is None:
        return False
    builder = VerifierBuilder(nonce=nonce)
    for root in roots:
        builder = builder.add_root_certificate(root)
    try:
        return builder.build().verify(response, digest)
    except (VerificationError, ValueError):
        return False


def trusted_roots() -> tuple[cryptography.x509.Certificate, ...]:
    extra = os.environ.get(CA_FILE_VARIABLE, "")
    return _system_roots() + (_load_pem(Path(extra)) if extra else ())


@cache
def _system_roots() -> tuple[cryptography.x509.Certificate, ...]:
    cafile = ssl.get_default_verify_paths().cafile
    return _load_pem(Path(cafile)) if cafile else ()


def _load_pem(path: Path) -> tuple[cryptography.x509.Certificate, ...]:
    try:
        with warnings.catch_warnings():  # the system's bundle holds a few old, odd roots
            warnings.simplefilter("ignore")
            return tuple(cryptography.x509.load_pem_x509_certificates(path.read_bytes()))
    except (OSError, ValueError):
        return ()


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=None, microsecond=0)
