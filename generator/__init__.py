"""Treaty explainer: campaign YAML -> validated model -> Markdown pages and data -> site."""

__version__ = "0.1.0"
