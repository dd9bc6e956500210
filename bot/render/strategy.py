"""The strategy: its modal, and how it is shown (App Home, /goodwill help)."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.strategy import (
    GOAL_NAME_MAX,
    MAX_GOALS,
    PURPOSE_MAX,
    GoalThemes,
    Problem,
    Strategy,
)
from bot.i18n import Catalog
from bot.render.text import escape, truncate
from bot.render.words import counted

CALLBACK_ID = "goodwill_strategy"
MAX_OPTIONS = 100  # Slack's limit for a static select

T = Catalog(
    {
        "title": {"en": "Network strategy", "nl": "Netwerkstrategie"},
        "save": {"en": "Save", "nl": "Opslaan"},
        "cancel": {"en": "Cancel", "nl": "Annuleren"},
        "purpose": {"en": "Our purpose", "nl": "Onze missie"},
        "purpose_hint": {
            "en": "What the organisation wants to bring into the world, in a sentence or two.",
            "nl": "Waar de organisatie voor staat en wat ze wil bereiken, in een of twee zinnen.",
        },
        "goal": {"en": "Goal {n}", "nl": "Doel {n}"},
        "goal_placeholder": {
            "en": "e.g. Affordable housing in the region",
            "nl": "bijv. Betaalbaar wonen in de regio",
        },
        "goal_themes": {"en": "Themes of goal {n}", "nl": "Thema's van doel {n}"},
        "goal_themes_placeholder": {"en": "Themes already in use", "nl": "Thema's die al gebruikt worden"},
        "goal_new_themes": {"en": "New themes for goal {n}", "nl": "Nieuwe thema's voor doel {n}"},
        "goal_new_themes_placeholder": {"en": "#energy, #mobility", "nl": "#energie, #mobiliteit"},
        "intro": {
            "en": "Write down why we keep our network, and the goals it serves. Each goal has themes "
            "(the #hashtags people use in /met); a theme belongs to one goal. Leave a goal empty to remove "
            "it.",
            "nl": "Schrijf op waarom we ons netwerk onderhouden, en welke doelen het dient. Elk doel heeft "
            "thema's (de #hashtags uit /met); een thema hoort bij één doel. Laat een doel leeg om het te "
            "schrappen.",
        },
        "more_themes": {
            "en": {
                "one": "One more theme is in use than fits in a list: type it under new themes.",
                "other": "{n} more themes are in use than fit in a list: type them under new themes.",
            },
            "nl": {
                "one": "Er is nog 1 thema in gebruik dat niet in de lijst past: typ het bij nieuwe thema's.",
                "other": "Er zijn nog {n} thema's in gebruik die niet in de lijst passen: typ ze bij nieuwe thema's.",
            },
        },
        # validation
        "purpose_too_long": {"en": "Keep it to {limit} characters.", "nl": "Hooguit {limit} tekens."},
        "bad_theme": {
            "en": "“{text}” is not a theme: use single words like #housing, separated by commas.",
            "nl": "“{text}” is geen thema: gebruik losse woorden zoals #wonen, gescheiden door komma's.",
        },
        "goal_needs_name": {
            "en": "Give this goal a name, or remove its themes.",
            "nl": "Geef dit doel een naam, of haal de thema's weg.",
        },
        "goal_name_too_long": {"en": "Keep the name to {limit} characters.", "nl": "Hooguit {limit} tekens."},
        "goal_twice": {
            "en": "“{goal}” is already a goal above.",
            "nl": "“{goal}” staat hierboven al als doel.",
        },
        "theme_taken": {
            "en": "#{theme} already belongs to “{goal}”: a theme belongs to one goal.",
            "nl": "#{theme} hoort al bij “{goal}”: een thema hoort bij één doel.",
        },
        # answers
        "saved": {
            "en": "Strategy saved: {goals}, {themes}. Everyone sees it on Goodwill's Home tab and with "
            "`/goodwill help strategy`.",
            "nl": "Strategie opgeslagen: {goals}, {themes}. Iedereen ziet die op het Home-tabblad van Goodwill "
            "en met `/goodwill hulp strategie`.",
        },
        "not_allowed": {
            "en": "The network strategy is set by workspace admins and team leads: ask one of them if you "
            "would like something changed. You can always read it with `/goodwill help strategy`.",
            "nl": "De netwerkstrategie stellen beheerders en teamleiders vast: vraag een van hen als je iets "
            "wilt veranderen. Lezen kan altijd, met `/goodwill hulp strategie`.",
        },
        # showing it
        "why": {"en": "Why we keep our network", "nl": "Waarom we ons netwerk onderhouden"},
        "goals": {"en": "Our goals", "nl": "Onze doelen"},
        "no_themes": {"en": "no themes yet", "nl": "nog geen thema's"},
        "none_yet": {
            "en": "No network strategy written down yet. Admins and leads can add it with `/goodwill strategy`.",
            "nl": "Er is nog geen netwerkstrategie vastgelegd. Beheerders en teamleiders doen dat met "
            "`/goodwill strategie`.",
        },
    }
)


def block_ids(index: int) -> dict[str, str]:
    return {"name": f"goal_{index}_name", "picked": f"goal_{index}_picked", "typed": f"goal_{index}_typed"}


def strategy_modal(strategy: Strategy, themes_in_use: Sequence[str], language: str = "en") -> dict:
    """The modal: the purpose, then MAX_GOALS goal blocks (name, themes in use, new themes), prefilled."""
    claimed = [theme for goal in strategy.goals for theme in goal.themes]
    offered = list(dict.fromkeys(claimed + sorted(themes_in_use)))
    left_out = max(0, len(offered) - MAX_OPTIONS)
    offered = offered[:MAX_OPTIONS]
    options = {name: Option(text=truncate(f"#{name}", 75), value=name) for name in offered}
    blocks: list = [
        SectionBlock(text=MarkdownTextObject(text=T("intro", language))),
        InputBlock(
            block_id="purpose",
            label=T("purpose", language),
            hint=T("purpose_hint", language),
            optional=True,
            element=PlainTextInputElement(
                action_id="purpose",
                multiline=True,
                max_length=PURPOSE_MAX,
                initial_value=strategy.purpose or None,
            ),
        ),
    ]
    if left_out:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("more_themes", language, n=left_out))]))
    goals = list(strategy.goals) + [GoalThemes("")] * (MAX_GOALS - len(strategy.goals))
    for index, goal in enumerate(goals[:MAX_GOALS]):
        ids, n = block_ids(index), index + 1
        blocks.append(
            InputBlock(
                block_id=ids["name"],
                label=T("goal", language, n=n),
                optional=True,
                element=PlainTextInputElement(
                    action_id="value",
                    max_length=GOAL_NAME_MAX,
                    initial_value=goal.name or None,
                    placeholder=T("goal_placeholder", language) if index == 0 else None,
                ),
            )
        )
        picked = [options[t] for t in goal.themes if t in options]
        unlisted = [t for t in goal.themes if t not in options]
        if options:
            blocks.append(
                InputBlock(
                    block_id=ids["picked"],
                    label=T("goal_themes", language, n=n),
                    optional=True,
                    element=StaticMultiSelectElement(
                        action_id="value",
                        placeholder=T("goal_themes_placeholder", language),
                        options=list(options.values()),
                        initial_options=picked or None,
                    ),
                )
            )
        blocks.append(
            InputBlock(
                block_id=ids["typed"],
                label=T("goal_new_themes", language, n=n),
                optional=True,
                element=PlainTextInputElement(
                    action_id="value",
                    placeholder=T("goal_new_themes_placeholder", language),
                    initial_value=", ".join(f"#{t}" for t in unlisted) or None,
                ),
            )
        )
    view = View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=PlainTextObject(text=T("title", language)),
        submit=PlainTextObject(text=T("save", language)),
        close=PlainTextObject(text=T("cancel", language)),
        blocks=blocks,
    )
    return view.to_dict()


def problem_errors(problems: Sequence[Problem], language: str = "en") -> dict[str, str]:
    """response_action "errors": one message per field (block id), the first problem wins."""
    errors: dict[str, str] = {}
    for problem in problems:
        block = "purpose" if problem.goal is None else block_ids(problem.goal)[problem.field]
        values = {k: escape(str(v)) for k, v in problem.values.items()}
        errors.setdefault(block, truncate(T(problem.key, language, **values), 150))
    return errors


def saved_text(strategy: Strategy, language: str = "en") -> str:
    themes = sum(len(goal.themes) for goal in strategy.goals)
    return T(
        "saved",
        language,
        goals=counted("goals", len(strategy.goals), language),
        themes=counted("themes", themes, language),
    )


def not_allowed_text(language: str = "en") -> str:
    return T("not_allowed", language)


def strategy_blocks(purpose: str, goals: Sequence[GoalThemes], language: str = "en") -> list[dict]:
    """The purpose and goals with their themes, for the App Home and /goodwill help (at most 2 blocks)."""
    if not (purpose or goals):
        return [ContextBlock(elements=[MarkdownTextObject(text=T("none_yet", language))]).to_dict()]
    blocks = []
    if purpose:
        text = f"*{T('why', language)}*\n{escape(purpose)}"
        blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))))
    if goals:
        lines = [f"*{T('goals', language)}*"]
        for goal in goals:
            themes = " ".join(f"`#{escape(t)}`" for t in goal.themes) or f"_{T('no_themes', language)}_"
            lines.append(f"• *{escape(goal.name)}* — {themes}")
        blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate("\n".join(lines), 3000))))
    return [block.to_dict() for block in blocks]
