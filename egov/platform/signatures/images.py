"""Checking the signature and seal images users upload.

Decree 30/2020/NĐ-CP, Appendix I: both are transparent PNGs. An upload is
refused unless Pillow reads it as a PNG with transparency, within the size
limits (a signature image is drawn into every signed page: a huge file, or a
decompression bomb, would be copied into every PDF).
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, UnidentifiedImageError

from .errors import SignatureErrorCode, SigningError

MAX_BYTES = 1024 * 1024
MAX_PIXELS = 2000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def checked_png(data: bytes) -> tuple[int, int]:
    """The image's size in pixels, or SigningError with the reason."""
    if len(data) > MAX_BYTES:
        raise SigningError(SignatureErrorCode.IMAGE_TOO_LARGE, detail=f"{len(data)} bytes")
    if not data.startswith(PNG_MAGIC):
        raise SigningError(SignatureErrorCode.IMAGE_NOT_PNG)
    try:
        # verify() checks every chunk's CRC and the stream's end (a
        # truncated file fails here); it leaves the image unusable, so the
        # file is opened again to read its mode.
        with Image.open(BytesIO(data)) as probe:
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            if image.format != "PNG":
                raise SigningError(SignatureErrorCode.IMAGE_NOT_PNG)
            width, height = image.size
            if width > MAX_PIXELS or height > MAX_PIXELS:
                raise SigningError(
                    SignatureErrorCode.IMAGE_TOO_LARGE, detail=f"{width}x{height} pixels"
                )
            image.load()
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except SigningError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise SigningError(SignatureErrorCode.IMAGE_NOT_PNG, detail=type(error).__name__) from error
    if not transparent:
        raise SigningError(SignatureErrorCode.IMAGE_NOT_TRANSPARENT)
    return width, height
