"""One module per kind of page; each registers its HTML page and its JSON twin under /api/v1/."""
