"""Vega-Lite specifications for the pages' charts (rendered in the browser by the vendored
vega, vega-lite and vega-embed in ``pressroom/static/vendor/``; data inlined, nothing
fetched)."""

from __future__ import annotations

from typing import Any, Iterable

from ..store.models import TimelinePoint

CLARITY_DOMAIN = ["Clear Reply", "Ambivalent", "Clear Non-Reply", "Not judged"]
CLARITY_COLOURS = ["#2f855a", "#d69e2e", "#c53030", "#a0aec0"]
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
_CONFIG = {
    "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    "axis": {
        "labelColor": "#4a5568",
        "titleColor": "#4a5568",
        "gridColor": "#edf2f7",
        "domainColor": "#cbd5e0",
        "tickColor": "#cbd5e0",
        "labelFontSize": 11,
        "titleFontSize": 11,
    },
    "legend": {
        "labelColor": "#2d3748",
        "titleColor": "#4a5568",
        "labelFontSize": 11,
        "titleFontSize": 11,
        "orient": "bottom",
        "direction": "horizontal",
        "columns": 3,
        "symbolType": "square",
        "labelLimit": 180,
    },
    "view": {"stroke": None},
    "bar": {"cornerRadiusTopLeft": 2, "cornerRadiusTopRight": 2},
}


def interval_for(first: str | None, last: str | None) -> str:
    """The period to chart a span of dates by: days (up to 2 months), months (up to 2
    years), else years."""
    if not first or not last:
        return "month"
    try:
        fy, fm = int(first[:4]), int(first[5:7] or 1)
        ly, lm = int(last[:4]), int(last[5:7] or 1)
    except ValueError:
        return "month"
    months = (ly - fy) * 12 + (lm - fm)
    if months <= 1:
        return "day"
    return "month" if months <= 24 else "year"


def _bar(n_periods: int) -> dict[str, Any]:
    """A bar mark no wider than 44 px (a corpus of one or two periods would draw slabs)."""
    size = max(4, min(44, int(0.7 * 520 / max(1, n_periods))))
    return {"type": "bar", "tooltip": True, "width": size}


def _base(title: str, values: list[dict[str, Any]], height: int = 220) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": None,
        "description": title,
        "width": "container",
        "height": height,
        "data": {"values": values},
        "config": _CONFIG,
        "autosize": {"type": "fit-x", "contains": "padding"},
    }


def clarity_chart(
    points: Iterable[TimelinePoint],
    title: str = "Answered vs dodged questions: the model's verdicts",
    normalize: bool = False,
) -> dict[str, Any] | None:
    """Stacked bars of questions per period by the clarity model's verdict (None when nothing to
    show); ``usermeta.agreement`` carries the sentence on how often the model agrees with people."""
    from ..clarity.agreement import agreement_sentence, measured_agreement

    values = [{"period": p.period, "verdict": p.value or "Not judged", "questions": p.count} for p in points]
    if not values:
        return None
    spec = _base(title, values)
    spec["usermeta"] = {"agreement": agreement_sentence(measured_agreement())}
    spec["mark"] = _bar(len({v["period"] for v in values}))
    spec["encoding"] = {
        "x": {"field": "period", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
        "y": {
            "aggregate": "sum",
            "field": "questions",
            "type": "quantitative",
            "title": "share of questions" if normalize else "questions",
            **({"stack": "normalize", "axis": {"format": "%"}} if normalize else {}),
        },
        "color": {
            "field": "verdict",
            "type": "nominal",
            "title": None,
            "scale": {"domain": CLARITY_DOMAIN, "range": CLARITY_COLOURS},
        },
        "order": {"field": "verdict_order", "type": "quantitative"},
    }
    order = ",".join(f"'{v}'" for v in CLARITY_DOMAIN)
    spec["transform"] = [{"calculate": f"indexof([{order}], datum.verdict)", "as": "verdict_order"}]
    return spec


def topics_chart(
    points: Iterable[TimelinePoint], unit: str = "turns", title: str = "Topics over time"
) -> dict[str, Any] | None:
    """Stacked bars of the top topics per period (None when no topic labels)."""
    values = [{"period": p.period, "topic": p.value, unit: p.count} for p in points if p.value]
    if not values:
        return None
    spec = _base(title, values)
    spec["mark"] = _bar(len({v["period"] for v in values}))
    spec["encoding"] = {
        "x": {"field": "period", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
        "y": {"aggregate": "sum", "field": unit, "type": "quantitative", "title": unit},
        "color": {"field": "topic", "type": "nominal", "title": None, "scale": {"scheme": "tableau10"}},
    }
    return spec
