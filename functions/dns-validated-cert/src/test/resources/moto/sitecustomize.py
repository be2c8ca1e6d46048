"""Imported by every Python the tests' moto_server starts (MotoServer puts this folder on PYTHONPATH).

For every RequestCertificate moto makes a new 2048-bit RSA key, then reads it back from PEM, which checks the key
again: 0.1 to 0.2 s of CPU per certificate, a fifth of the soak's time. No test reads a certificate's key, so each
key size is made once per server, and a PEM key once read is not checked again. Everything else is moto's own.
"""
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

_generate = rsa.generate_private_key
_load_pem = serialization.load_pem_private_key
_made = {}
_read = {}


def _once_per_size(public_exponent, key_size, backend=None):
    shape = (public_exponent, key_size)
    if shape not in _made:
        _made[shape] = _generate(public_exponent=public_exponent, key_size=key_size)
    return _made[shape]


def _read_once(data, password, backend=None, **options):
    pem = (bytes(data), password)
    if pem not in _read:
        _read[pem] = _load_pem(data, password, **options)
    return _read[pem]


rsa.generate_private_key = _once_per_size
serialization.load_pem_private_key = _read_once
