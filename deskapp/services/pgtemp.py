"""A fresh, empty database on a PostgreSQL server, for scenario runs and tests (`--db URL`)."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def fresh_database(url: str) -> str:
    """Create an empty database next to the one `url` names and return its URL."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    name = f"deskapp_sc_{uuid.uuid4().hex[:12]}"
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return u.set(database=name).render_as_string(hide_password=False)
