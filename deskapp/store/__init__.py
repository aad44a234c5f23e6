"""Persistence: engine factory, schema and migrations, the append-only journal, backup, change
notification. Imports stdlib, SQLAlchemy, Alembic and platformdirs only (psycopg through SQLAlchemy)."""
