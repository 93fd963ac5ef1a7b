"""Test images made with Pillow at test time."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw


def signature_png(width: int = 300, height: int = 120) -> bytes:
    """A blue stroke on a transparent background, as a scanned signature."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(image).line(
        [(10, height - 20), (width // 3, 20), (width - 10, height // 2)],
        fill=(20, 40, 200, 255),
        width=6,
    )
    return _png(image)


def seal_png(size: int = 200) -> bytes:
    """A red ring on a transparent background."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([4, 4, size - 4, size - 4], outline=(220, 20, 20, 255), width=10)
    return _png(image)


def opaque_png() -> bytes:
    return _png(Image.new("RGB", (50, 20), (255, 255, 255)))


def jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (50, 20), (255, 255, 255)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
