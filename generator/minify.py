"""The generator's own stylesheet and scripts as readers get them: without comments and
the spaces between tokens.

The files in generator/theme/assets/ keep their comments, which say why a rule or a line
is there; a reader on a slow network need not download them (4 kB of a concern page's
77 kB, gzip). rcssmin and rjsmin remove only what cannot change what the code does.
A campaign's own files (docs/assets/) are published as they are.
"""

from __future__ import annotations

import rcssmin
import rjsmin


def published(name: str, data: bytes) -> bytes:
    """`data`, the file `name` of the generator's assets, as the site publishes it."""
    if name.endswith(".css"):
        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    if name.endswith(".js"):
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    return data
