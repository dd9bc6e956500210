"""Where "Add to Slack" keeps each workspace's bot token and the OAuth states in flight: slack-sdk's SQLAlchemy
stores, on Goodwill's engine and on the tables of Goodwill's schema (storage.models, migration 0005).

What they add to the library's own (its open issues, as they apply here):
- save() keeps one installation per workspace: a reinstall replaces the stored token instead of adding a row
  beside it (the library keeps every install and reads the latest), and it marks the workspace installed.
- consume() takes a state in one DELETE: of two callbacks carrying the same state (a replay, or a double
  click reaching two web processes), exactly one gets it. The library's SELECT then DELETE lets both through.
- Expired states are deleted by the clock (delete_expired), the library never does.
- Dates are naive UTC, as the library writes them since 3.40.1 (timezone-aware values broke PostgreSQL), and
  3.45 reads them back as UTC whatever the process's time zone (pyproject's floor).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.sqlalchemy_utils import normalize_datetime_for_db
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, and_, delete, desc, select
from sqlalchemy.orm import Session

from storage.models import Base, slack_bots, slack_installations, slack_oauth_states
from storage.workspaces import mark_installed

log = logging.getLogger("goodwill.installations")
STATE_LIFETIME_SECONDS = 600  # Bolt's default: the installer has ten minutes on Slack's consent page


class InstallationStore(SQLAlchemyInstallationStore):
    """slack-sdk's installation store on Goodwill's tables; one installation (and bot) per workspace."""

    def __init__(self, client_id: str, engine: Engine, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        super().__init__(client_id=client_id, engine=engine, logger=log)
        self.metadata, self.installations, self.bots = Base.metadata, slack_installations, slack_bots
        self.clock = clock  # when the workspace counts as installed (the rows keep the library's own time)

    def save(self, installation: Installation) -> None:

        super().save(installation)  # the installation row, then the bot row (the library's two transactions)
        installed_at = normalize_datetime_for_db(datetime.fromtimestamp(installation.installed_at, tz=UTC))
        with Session(self.engine) as session, session.begin():
            for table in (self.installations, self.bots):
                session.execute(
                    delete(table).where(
                        self._same_workspace(table, installation.enterprise_id, installation.team_id),
                        table.c.installed_at < installed_at,
                    )
                )
            if installation.team_id and not installation.is_enterprise_install:
                mark_installed(
                    session,
                    installation.team_id,
                    name=installation.team_name or "",
                    enterprise_id=installation.enterprise_id,
                    bot_user_id=installation.bot_user_id,
                    at=self.clock(),
                )

    def bot_token(self, team_id: str) -> str | None:
        """The workspace's bot token, whichever Enterprise Grid org it belongs to (one query)."""
        c = self.bots.c
        query = (
            select(c.bot_token)
            .where(c.client_id == self.client_id, c.team_id == team_id, c.bot_token.is_not(None))
            .order_by(desc(c.installed_at))
            .limit(1)
        )
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    def delete_workspace(self, team_id: str) -> None:
        """Every token of the workspace, whatever its org: uninstalled, or its bot token revoked."""
        with self.engine.begin() as connection:
            for table in (self.installations, self.bots):
                connection.execute(delete(table).where(table.c.client_id == self.client_id, table.c.team_id == team_id))

    def _same_workspace(self, table, enterprise_id: str | None, team_id: str | None):
        c = table.c
        return and_(c.client_id == self.client_id, c.enterprise_id == enterprise_id, c.team_id == team_id)


class OAuthStateStore(SQLAlchemyOAuthStateStore):
    """slack-sdk's OAuth state store on Goodwill's table; a state is consumed once, whichever process asks."""

    def __init__(self, engine: Engine, expiration_seconds: int = STATE_LIFETIME_SECONDS) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine, logger=log)
        self.metadata, self.oauth_states = Base.metadata, slack_oauth_states

    def consume(self, state: str) -> bool:
        now = normalize_datetime_for_db(datetime.now(UTC))
        c = self.oauth_states.c
        try:
            with self.engine.begin() as connection:
                taken = connection.execute(
                    delete(self.oauth_states).where(c.state == state, c.expire_at > now).returning(c.id)
                ).first()
        except Exception:  # the library's contract: a state that cannot be checked is not valid
            log.warning("could not consume an OAuth state", exc_info=True)
            return False
        return taken is not None

    def delete_expired(self, now: datetime) -> int:
        """Drop states nobody came back with (the installer closed the tab); returns how many."""
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(self.oauth_states).where(self.oauth_states.c.expire_at <= normalize_datetime_for_db(now))
            )
        return result.rowcount or 0
