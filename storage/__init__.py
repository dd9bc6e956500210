"""Persistence: SQLAlchemy 2 models, engine and sessions, the queries, and Alembic migrations."""
