"""marsad.web: the web app and JSON API (`create_app`, `serve`)."""
from marsad.web.app import create_app
from marsad.web.server import serve

__all__ = ["create_app", "serve"]
