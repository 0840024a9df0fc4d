"""Checks of this campaign's own content and of its built site.

The generator's suite in tests/ runs on the fixtures in tests/fixtures and on YAML written
in tmp_path, so another campaign runs it unchanged. What is true only of this campaign (its
concerns, sources, contacts, published URLs) is checked here, on the campaign folder given
by `--campaign DIR` (by default the repository root).
"""
