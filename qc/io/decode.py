"""Bytes → text, with a small documented set of fallbacks and clear refusals.

Rules, in order (the text is never otherwise changed: no newline or Unicode
normalisation, so finding offsets are offsets into exactly this text):

1. empty input → :class:`DecodeError` ``"empty file"``;
2. a UTF-16/UTF-32 byte-order mark → decoded with that codec, BOM dropped
   (``metadata["decoding"] = "utf-16"`` etc.);
3. a NUL byte, or more than 1 % C0 control bytes (other than tab, LF, VT, FF, CR,
   ESC), → ``"binary file"``;
4. strict UTF-8, a leading UTF-8 BOM dropped (``"utf-8-sig"``);
5. invalid UTF-8 → Windows-1252 when every byte is defined there and the result
   looks like prose (``"cp1252"``, a superset of Latin-1 for printable text);
   otherwise ``"not valid UTF-8 ..."``;
6. text that is blank after decoding → ``"no text (whitespace only)"``.

>>> decode_bytes("Grüße\\r\\n".encode("cp1252"))
('Grüße\\r\\n', 'cp1252')
"""

from __future__ import annotations

import codecs


class DecodeError(ValueError):
    """The bytes are not a readable text document; the message says why."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that plain text does not contain; tab, LF, VT, FF, CR and ESC are tolerated
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | set(range(0x0E, 0x1B)) | set(range(0x1C, 0x20)) | {0x7F})
_MAX_CONTROL_SHARE = 0.01
# bytes undefined in Windows-1252: their presence means the data is not cp1252 text
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes: a binary file, not text.

    >>> looks_binary(b"PK\\x03\\x04\\x00\\x00"), looks_binary(b"Text\\tmit Tab\\n")
    (True, False)
    """
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls > _MAX_CONTROL_SHARE * len(sample)


def _plausible_cp1252(data: bytes, text: str) -> bool:
    """High bytes that decode to letters and common punctuation, not to C1 garbage."""
    if any(b in _CP1252_UNDEFINED for b in data):
        return False
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return True
    letters = sum(1 for ch in high if ch.isalpha())
    # German text: ä ö ü ß é … are letters; „ “ – € … are punctuation; allow a minority
    return letters >= 0.5 * len(high)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, decoding)`` or raise :class:`DecodeError`."""
    if not data:
        raise DecodeError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)  # the utf-16/utf-32 codecs consume the BOM
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"not valid {codec.upper()} despite its byte-order mark: {exc.reason}"
                ) from None
            return _non_blank(text), codec
    if looks_binary(data):
        raise DecodeError("binary file (NUL or control bytes); qc reads plain text or JSONL")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _non_blank(data[len(codecs.BOM_UTF8) :].decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError as exc:
            utf8_error = exc
    else:
        try:
            return _non_blank(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError as exc:
            utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_cp1252(data, text):
        return _non_blank(text), "cp1252"
    raise DecodeError(
        f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}: "
        f"{utf8_error.reason}) and not plausible Windows-1252/Latin-1 text"
    )


def _non_blank(text: str) -> str:
    if not text.strip():
        raise DecodeError("no text (whitespace only)" if text else "empty file")
    return text
