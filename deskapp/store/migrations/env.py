"""Alembic environment for deskapp's store.

Run programmatically by :func:`deskapp.store.migrate.upgrade`, which passes an open connection in
``config.attributes["connection"]``. From a shell (developers), ``python -m deskapp.store.migrate``
builds the same Config; the URL then comes from ``sqlalchemy.url`` / ``$DESKAPP_DB_URL``.
"""

from __future__ import annotations

import importlib

from alembic import context

from deskapp.store.schema import metadata

# Read-model tables live in their own module and register on the same MetaData; import it when it
# exists so that autogenerate sees them.
try:  # pragma: no cover - depends on what the domain side has written
    importlib.import_module("deskapp.store.readmodels")
except ModuleNotFoundError as exc:  # only a missing readmodels module is fine
    if exc.name != "deskapp.store.readmodels":
        raise

config = context.config
target_metadata = metadata


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    from deskapp.store.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    try:
        with engine.begin() as conn:
            _configure_and_run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
