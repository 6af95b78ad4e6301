"""ntlm_server.py - the server side of NTLM (MS-NLMP) for the TDS test
endpoint: what SQL Server, with a domain controller behind it, does when
a client logs in with Windows integrated authentication.

TEST EQUIPMENT, NOT PRODUCT. One account (DOMAIN\\user and its password)
stands for the domain. The client's NEGOTIATE arrives inside LOGIN7; the
endpoint answers with the CHALLENGE this module builds (a fresh 8-byte
server challenge and the target information), and the client's
AUTHENTICATE arrives in an SSPI message. verify() then decides:

  - an NTLMv2 response (MS-NLMP 3.3.2) whose NTProofStr matches the one
    computed from the account's password: the login succeeds;
  - an NTLMv1 (or NTLM2 session) response, 24 bytes: refused, as a domain
    set to refuse LM and NTLM (LmCompatibilityLevel 5) refuses it;
  - another user or domain, a wrong proof, an anonymous login: refused.

Python's hashlib has no MD4 where OpenSSL 3 hides it in the legacy
provider (Debian 12), so MD4 (RFC 1320) is written out here.
"""

import hmac
import os
import struct
import time

NEGOTIATE_UNICODE = 0x00000001
REQUEST_TARGET = 0x00000004
NEGOTIATE_NTLM = 0x00000200
NEGOTIATE_ALWAYS_SIGN = 0x00008000
TARGET_TYPE_DOMAIN = 0x00010000
EXTENDED_SESSIONSECURITY = 0x00080000
NEGOTIATE_TARGET_INFO = 0x00800000
NEGOTIATE_VERSION = 0x02000000
NEGOTIATE_128 = 0x20000000
NEGOTIATE_56 = 0x80000000

SIGNATURE = b"NTLMSSP\x00"


def md4(data):
    """RFC 1320."""
    def rotl(x, n):
        x &= 0xFFFFFFFF
        return ((x << n) | (x >> (32 - n))) & 0xFFFFFFFF

    msg = bytearray(data)
    bit_len = (8 * len(data)) & 0xFFFFFFFFFFFFFFFF
    msg.append(0x80)
    while len(msg) % 64 != 56:
        msg.append(0)
    msg += struct.pack("<Q", bit_len)
    a, b, c, d = 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476
    for off in range(0, len(msg), 64):
        x = struct.unpack("<16I", bytes(msg[off:off + 64]))
        aa, bb, cc, dd = a, b, c, d

        def f(x_, y, z):
            return (x_ & y) | (~x_ & z)

        def g(x_, y, z):
            return (x_ & y) | (x_ & z) | (y & z)

        def h(x_, y, z):
            return x_ ^ y ^ z

        for i in range(16):
            k = i
            s = (3, 7, 11, 19)[i % 4]
            a, b, c, d = d, rotl(a + f(b, c, d) + x[k], s), b, c
        for i in range(16):
            k = (i % 4) * 4 + i // 4
            s = (3, 5, 9, 13)[i % 4]
            a, b, c, d = d, rotl(a + g(b, c, d) + x[k] + 0x5A827999, s), b, c
        for i in range(16):
            k = (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)[i]
            s = (3, 9, 11, 15)[i % 4]
            a, b, c, d = d, rotl(a + h(b, c, d) + x[k] + 0x6ED9EBA1, s), b, c
        a = (a + aa) & 0xFFFFFFFF
        b = (b + bb) & 0xFFFFFFFF
        c = (c + cc) & 0xFFFFFFFF
        d = (d + dd) & 0xFFFFFFFF
    return struct.pack("<4I", a, b, c, d)


def hmac_md5(key, data):
    return hmac.new(key, data, "md5").digest()


def ntowfv2(password, user, domain):
    """MS-NLMP 3.3.2: HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom))."""
    return hmac_md5(md4(password.encode("utf-16-le")), (user.upper() + domain).encode("utf-16-le"))


class NtlmError(Exception):
    """A malformed message, or a login refused; str() says which."""


def field(msg, at):
    """A (length, maxlength, offset) field of an NTLM message, as bytes."""
    if at + 8 > len(msg):
        raise NtlmError("message too short for its fields")
    length, _, offset = struct.unpack_from("<HHI", msg, at)
    if offset + length > len(msg):
        raise NtlmError("field at %d runs past the message" % at)
    return msg[offset:offset + length]


def av_pair(av_id, value):
    return struct.pack("<HH", av_id, len(value)) + value


class NtlmServer:
    def __init__(self, account, password):
        if "\\" not in account:
            raise ValueError("the Windows account is DOMAIN\\user")
        self.domain, self.user = account.split("\\", 1)
        self.password = password
        self.server_challenge = None
        self.flags = 0

    def challenge(self, negotiate):
        """The CHALLENGE answering a NEGOTIATE (MS-NLMP 2.2.1.2)."""
        if negotiate[:8] != SIGNATURE or struct.unpack_from("<I", negotiate, 8)[0] != 1:
            raise NtlmError("not an NTLM NEGOTIATE message")
        asked = struct.unpack_from("<I", negotiate, 12)[0]
        self.flags = (NEGOTIATE_UNICODE | REQUEST_TARGET | NEGOTIATE_NTLM | NEGOTIATE_ALWAYS_SIGN |
                      TARGET_TYPE_DOMAIN | NEGOTIATE_TARGET_INFO | NEGOTIATE_VERSION |
                      (asked & (EXTENDED_SESSIONSECURITY | NEGOTIATE_128 | NEGOTIATE_56)))
        self.server_challenge = os.urandom(8)
        target = self.domain.upper().encode("utf-16-le")
        filetime = int((time.time() + 11644473600) * 10000000)
        info = (av_pair(2, target) + av_pair(1, b"S\x00Q\x00L\x001\x00") +
                av_pair(4, (self.domain.lower() + ".test").encode("utf-16-le")) +
                av_pair(3, ("sql1." + self.domain.lower() + ".test").encode("utf-16-le")) +
                av_pair(7, struct.pack("<Q", filetime)) + av_pair(0, b""))
        header = 56
        return (SIGNATURE + struct.pack("<I", 2) +
                struct.pack("<HHI", len(target), len(target), header) +
                struct.pack("<I", self.flags) + self.server_challenge + b"\x00" * 8 +
                struct.pack("<HHI", len(info), len(info), header + len(target)) +
                bytes([10, 0]) + struct.pack("<H", 20348) + b"\x00\x00\x00\x0f" +
                target + info)

    def verify(self, auth):
        """Check an AUTHENTICATE (MS-NLMP 2.2.1.3); returns DOMAIN\\user or
        raises NtlmError saying why the login is refused."""
        if self.server_challenge is None:
            raise NtlmError("AUTHENTICATE without a CHALLENGE")
        if auth[:8] != SIGNATURE or struct.unpack_from("<I", auth, 8)[0] != 3:
            raise NtlmError("not an NTLM AUTHENTICATE message")
        nt = field(auth, 20)
        flags = struct.unpack_from("<I", auth, 60)[0] if len(auth) >= 64 else 0
        encoding = "utf-16-le" if flags & NEGOTIATE_UNICODE or self.flags & NEGOTIATE_UNICODE else "latin-1"
        domain = field(auth, 28).decode(encoding, "replace")
        user = field(auth, 36).decode(encoding, "replace")
        label = "%s\\%s" % (domain, user)
        if not nt:
            raise NtlmError("%s: anonymous login" % label)
        if len(nt) == 24:
            raise NtlmError("%s: NTLMv1 response; this domain accepts NTLMv2 only" % label)
        if len(nt) < 16 + 28 or nt[16:18] != b"\x01\x01":
            raise NtlmError("%s: not an NTLMv2 response" % label)
        if user.upper() != self.user.upper() or domain.upper() != self.domain.upper():
            raise NtlmError("%s: no such account" % label)
        key = ntowfv2(self.password, user, domain)
        proof = hmac_md5(key, self.server_challenge + nt[16:])
        if not hmac.compare_digest(proof, nt[:16]):
            raise NtlmError("%s: wrong password (NTLMv2 proof does not match)" % label)
        return label


if __name__ == "__main__":
    # RFC 1320's test suite, and MS-NLMP 4.2.4.1.1's NTOWFv2.
    assert md4(b"").hex() == "31d6cfe0d16ae931b73c59d7e0c089c0"
    assert md4(b"abc").hex() == "a448017aaf21d8525fc10ae87aa6729d"
    assert md4(b"12345678901234567890123456789012345678901234567890123456789012345678901234567890").hex() \
        == "e33b4ddc9c38f2199c3e7b164fcc0536"
    assert ntowfv2("Password", "User", "Domain").hex() == "0c868a403bfd7a93a3001ef22ef02e3f"
    print("ok")
