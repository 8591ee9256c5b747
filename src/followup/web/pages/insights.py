"""The Insights page: how often and how fast employers answer, and how far applications get."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from followup.app import insights as use_case
from followup.domain.insights import Insights
from followup.web import rendering
from followup.web.app import env_of, web_state
from followup.web.views import charts

router = APIRouter(include_in_schema=False)


def _context(figures: Insights) -> dict[str, Any]:
    return {
        "figures": figures,
        "response": charts.response_chart(figures.heard_back, figures.after_interview, figures.funnel[1].count),
        "by_stage": charts.delay_chart("chart-delay-stage", "By stage", figures.delay_by_stage),
        "by_channel": charts.delay_chart("chart-delay-channel", "By how you followed up", figures.delay_by_channel),
        "funnel": charts.funnel_chart(figures.funnel),
        "active_chart": charts.active_chart(figures.active_weekly),
        "followups": charts.followups_chart(figures.followups_weekly),
        "percent": charts.percent,
        "count": charts.count,
    }


@router.get("/insights")
async def insights_page(request: Request) -> Response:
    env = env_of(request)
    figures = web_state(request).cached(("insights", env.owner), lambda: use_case.insights(env))
    return rendering.page(request, "insights.html", _context(figures), active="insights", title="Insights")
