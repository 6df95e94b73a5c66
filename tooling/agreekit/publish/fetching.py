"""What the PDF renderer may load: the build's own image files and small inline images, nothing else.

WeasyPrint fetches whatever a document points at: local files anywhere, any network address,
and embeds `rel=attachment` targets in the PDF. agreekit's fetcher serves only image files inside
the build folder and `data:` images up to a small size; every other request is refused and
remembered, so the build stops with the file and line that asked for it.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from agreekit.publish.contents import IMAGE_SUFFIXES, is_image

DATA_IMAGE_BYTES = 64 * 1024
_DATA = re.compile(
    r"^data:(image/(?:png|jpeg|gif|webp))(;base64)?,(.*)$", re.IGNORECASE | re.DOTALL
)
_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
          ".webp": "image/webp"}  # fmt: skip


class Refusal(Exception):
    """A fetch the PDF may not make; the message says why."""


def fetched(url: str, root: Path) -> tuple[bytes, str]:
    """The bytes and media type the renderer may have for `url`, or raises Refusal."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "data":
        return _data_image(url)
    if scheme != "file":
        raise Refusal(
            f"the PDF loads nothing from the network ({scheme or 'no'} scheme); put the file "
            "beside the section"
        )
    path = Path(url2pathname(unquote(urlsplit(url).path)))
    top = root.resolve()
    if not path.resolve().is_relative_to(top) or _linked(path, top):
        raise Refusal(f"{path} is outside the agreement's sections folder {top}")
    if not path.exists():  # a missing image of the agreement's own: missing, as on the site
        raise FileNotFoundError(f"{path}: no such image")
    if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file() or not is_image(path):
        raise Refusal(f"{path} is not an image file ({', '.join(sorted(IMAGE_SUFFIXES))})")
    return path.read_bytes(), _TYPES[path.suffix.lower()]


def _linked(path: Path, top: Path) -> bool:
    return any(p.is_symlink() for p in (path, *path.parents) if p.is_relative_to(top))


def _data_image(url: str) -> tuple[bytes, str]:
    match = _DATA.match(url)
    if match is None:
        raise Refusal("a data: address that is not a PNG, JPEG, GIF or WebP image")
    media, encoded, payload = match.groups()
    if len(payload) > DATA_IMAGE_BYTES * 4 // 3 + 4:
        raise Refusal(f"a data: image larger than {DATA_IMAGE_BYTES // 1024} KiB; use a file")
    try:
        data = base64.b64decode(payload, validate=True) if encoded else unquote(payload).encode()
    except ValueError:
        raise Refusal("a data: image that is not valid base64") from None
    return data, media.lower()


def contained_fetcher(
    root: Path, refused: list[tuple[str, str]], own: dict[str, tuple[bytes, str]] | None = None
) -> object:
    """A WeasyPrint URL fetcher over `fetched`, plus agreekit's `own` resources by exact address
    (the DRAFT mark); each refusal is added to `refused` as (url, reason) before WeasyPrint
    hears of it (it would only log a warning)."""
    import weasyprint

    def answer(url: str) -> tuple[bytes, str]:
        if own and url in own:
            return own[url]
        try:
            return fetched(url, root)
        except Refusal as refusal:
            refused.append((url, str(refusal)))
            raise

    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint 68 and later

        class Contained(weasyprint.URLFetcher):  # type: ignore[misc, name-defined]
            def fetch(self, url: str, headers: object = None) -> object:
                data, media = answer(url)
                return weasyprint.urls.URLFetcherResponse(
                    url, body=data, headers={"Content-Type": media}
                )

        return Contained()

    def fetch(url: str) -> dict[str, object]:
        data, media = answer(url)
        return {"string": data, "mime_type": media, "redirected_url": url}

    return fetch
