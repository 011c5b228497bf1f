"""The site's model: the validated tables joined into plain objects, evaluations attached.

Contract: built only from a package that validated (so every reference resolves); pure, no I/O but
what the caller passes in. Render functions take these objects and never see pandas or the disk.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pandas as pd

from .evaluate import Evaluation, evaluate_indicator


@dataclass(frozen=True)
class Observation:
    period: int
    value: float
    source: str
    note: str
    published: datetime.date


@dataclass
class Indicator:
    indicator_id: str
    policy_id: str
    order: int
    name: str
    measure: str
    unit: str
    period_type: str
    direction: str
    baseline_period: int
    target_period: int
    target_value: float
    source: str
    note: str
    observations: list[Observation] = field(default_factory=list)
    evaluation: Evaluation | None = None

    @property
    def baseline(self) -> Observation:
        return next(o for o in self.observations if o.period == self.baseline_period)

    @property
    def updated(self) -> datetime.date:
        return max(o.published for o in self.observations)


@dataclass
class Action:
    action_id: str
    policy_id: str
    order: int
    name: str
    actor_ids: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Actor:
    actor_id: str
    order: int
    name: str


@dataclass
class Policy:
    policy_id: str
    number: int
    title: str
    indicators: list[Indicator] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class Site:
    descriptor: dict
    policies: list[Policy]
    indicators: list[Indicator]
    actors: list[Actor]
    actions: list[Action]

    @property
    def title(self) -> str:
        return self.descriptor.get("plan", {}).get("title") or self.descriptor.get("title", "")

    @property
    def updated(self) -> datetime.date | None:
        return max((i.updated for i in self.indicators), default=None)

    def policy(self, policy_id: str) -> Policy:
        return next(p for p in self.policies if p.policy_id == policy_id)


def text(value: object) -> str:
    return "" if value is None or value is pd.NA else str(value)


def make_site(descriptor: dict, tables: dict[str, pd.DataFrame]) -> Site:
    """Join the tables, in the plan's order (policy number, then each table's order column)."""
    policies = [
        Policy(row.policy_id, int(row.number), row.title)
        for row in tables["policies"].sort_values(["number", "policy_id"]).itertuples()
    ]
    by_policy = {p.policy_id: p for p in policies}

    observations: dict[str, list[Observation]] = {}
    for row in tables["observations"].sort_values(["indicator_id", "period"]).itertuples():
        observations.setdefault(row.indicator_id, []).append(
            Observation(int(row.period), float(row.value), row.source, text(row.note), row.published)
        )
    indicators = []
    frame = tables["indicators"].assign(policy_number=tables["indicators"]["policy_id"].map(
        {p.policy_id: p.number for p in policies}))
    for row in frame.sort_values(["policy_number", "order", "indicator_id"]).itertuples():
        indicator = Indicator(
            row.indicator_id, row.policy_id, int(row.order), row.name, text(row.measure), row.unit,
            row.period_type, row.direction, int(row.baseline_period), int(row.target_period),
            float(row.target_value), row.source, text(row.note), observations.get(row.indicator_id, []),
        )
        indicator.evaluation = evaluate_indicator(
            indicator.direction, indicator.baseline_period, indicator.baseline.value,
            indicator.target_period, indicator.target_value,
            {o.period: o.value for o in indicator.observations},
        )
        indicators.append(indicator)
        by_policy[indicator.policy_id].indicators.append(indicator)

    actors = [Actor(row.actor_id, int(row.order), row.name) for row in tables["actors"].sort_values(["order", "actor_id"]).itertuples()]
    roles: dict[str, set[str]] = {}
    for row in tables["roles"].itertuples():
        roles.setdefault(row.action_id, set()).add(row.actor_id)
    actions = []
    frame = tables["actions"].assign(policy_number=tables["actions"]["policy_id"].map(
        {p.policy_id: p.number for p in policies}))
    for row in frame.sort_values(["policy_number", "order", "action_id"]).itertuples():
        action = Action(row.action_id, row.policy_id, int(row.order), row.name, roles.get(row.action_id, set()))
        actions.append(action)
        by_policy[action.policy_id].actions.append(action)
    return Site(descriptor, policies, indicators, actors, actions)
