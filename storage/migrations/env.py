"""Alembic environment: the engine comes from the caller (storage.migrate), never from a config file.

SQLite: foreign keys are off while migrating (a table rebuilt by batch mode is dropped and renamed: with them on,
dropping it would delete — ON DELETE CASCADE — every row that refers to it), and checked once done."""

from alembic import context

from storage.models import Base

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    on_sqlite = connection.dialect.name == "sqlite"
    if on_sqlite:  # (outside any transaction: inside one SQLite ignores the pragma)
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # (SQLAlchemy began a transaction for the pragma; SQLite had none)
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=on_sqlite,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            if on_sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"the migration left rows whose foreign keys point nowhere: {broken[:5]}")
    finally:
        if on_sqlite:
            connection.rollback()  # (whatever a failure left open)
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
