"""The generator's own files, found through the installed package, never through a checkout.

Templates, the theme (overrides, assets and the engine configuration base), the UI
catalogues and the scaffolds ship inside the `generator` package, so a campaign that
installs the generator has them wherever it runs.
"""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path

from .errors import GeneratorError


def package_path(*parts: str) -> Path:
    """A folder or file of the installed package, as a real path an engine can read."""
    target = resources.files(__package__ or "generator").joinpath(*parts)
    if not isinstance(target, Path):  # a zipped install: engines need real files
        raise GeneratorError(
            f"the generator's files are not on disk ({target}).",
            "install the generator with pip, which unpacks it.",
        )
    return target


TEMPLATES = package_path("templates")  # one Jinja template per page type
LOCALES = package_path("locales")  # the generator's own words, per language
SCAFFOLDS = package_path("scaffolds")  # what `new concern` and `new campaign` write
THEME = package_path("theme")
OVERRIDES = THEME / "overrides"  # the MkDocs/Zensical theme's custom_dir
ASSETS = THEME / "assets"  # copied into every docs tree as assets/
BASE_CONFIG = THEME / "mkdocs.yml"  # engine settings: theme, search, Markdown extensions


def theme_templates(package: str) -> Path | None:
    """The templates folder of an installed engine theme (material, zensical), or None
    when it is not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "templates"
