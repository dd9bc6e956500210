"""The digest's chart: meetings per week stacked by tier, with the number of quiet relations as a line.

matplotlib is imported on first use (it takes a while to load) and always with the Agg backend: the clock
has no display.
"""

from __future__ import annotations

import io

from bot.domain.digest import ChartSeries
from bot.domain.tiers import TIER_ORDER
from bot.i18n import Catalog
from bot.render.words import tiers_name

T = Catalog(
    {
        "meetings": {"en": "Meetings per week", "nl": "Gesprekken per week"},
        "quiet": {"en": "Quiet relations", "nl": "Stille relaties"},
        "week": {"en": "Week", "nl": "Week"},
    }
)

COLOURS = {"key": "#2e5e4e", "regular": "#6fa287", "wider": "#c9dfc9"}
QUIET_COLOUR = "#c0504d"
WIDTH_PX, HEIGHT_PX, DPI = 1000, 500, 100


def render_chart(series: ChartSeries, language: str = "en") -> bytes:
    """The chart as PNG bytes (1000 x 500 pixels)."""
    import matplotlib  # noqa: PLC0415 -- seconds to import, and only the weekly digest draws a chart

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # noqa: PLC0415 -- as above, after matplotlib.use("Agg")
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 -- as above

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    axes = figure.add_subplot()
    positions = list(range(len(series.weeks)))
    bottom = [0] * len(positions)
    tiers = [t for t in TIER_ORDER if t in series.meetings_by_tier]
    tiers += [t for t in series.meetings_by_tier if t not in TIER_ORDER]
    for tier in tiers:
        values = list(series.meetings_by_tier[tier])
        label = tiers_name(tier, language)
        axes.bar(positions, values, bottom=bottom, color=COLOURS.get(tier, "#999999"), label=label, width=0.7)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_ylabel(T("meetings", language))
    axes.set_xticks(positions, [f"W{week.number:02d}" for week in series.weeks])
    axes.set_xlabel(T("week", language))
    axes.set_ylim(0, max([*bottom, 1]) * 1.15)
    axes.spines[["top"]].set_visible(False)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))

    quiet_axes = axes.twinx()
    quiet_axes.plot(
        positions, list(series.quiet), color=QUIET_COLOUR, marker="o", linewidth=2, label=T("quiet", language)
    )
    quiet_axes.set_ylabel(T("quiet", language), color=QUIET_COLOUR)
    quiet_axes.set_ylim(0, max([*series.quiet, 1]) * 1.15)
    quiet_axes.spines[["top"]].set_visible(False)
    quiet_axes.yaxis.set_major_locator(MaxNLocator(integer=True))

    handles, labels = axes.get_legend_handles_labels()
    quiet_handles, quiet_labels = quiet_axes.get_legend_handles_labels()
    axes.legend(
        handles + quiet_handles,
        labels + quiet_labels,
        loc="upper left",
        ncols=4,
        frameon=False,
        fontsize="small",
    )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
