"""The web app command."""

from __future__ import annotations

from typing import Annotated

import typer

from ghatna.cli import app, err
from ghatna.cli.store import Db

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (only this machine by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    max_body: Annotated[float, typer.Option(help="Largest request body accepted, in MB (larger: 413).")] = 2.0,
) -> None:
    """Start the web app: read articles through their events, explore the store, and the HTTP API."""
    import uvicorn

    from ghatna.store import StoreError
    from ghatna.web import create_app

    if host not in LOOPBACK:
        err(f"warning: listening on {host}, not only this machine: anyone who can reach it can read the "
            "store and add articles to it (ghatna has no login); put it behind a proxy with authentication")
    try:
        web = create_app(db, int(max_body * 1024 * 1024))
    except StoreError as e:
        err(str(e))
        raise typer.Exit(1) from None
    err(f"ghatna on http://{host}:{port}/  (API documentation: http://{host}:{port}/docs; Ctrl-C stops it)")
    uvicorn.run(web, host=host, port=port, log_level="warning")
