"""Model: every fact a page or a file shows, computed once from the validated tables.

Contract: make_site(descriptor, tables, evaluations, settings) is called only with a package that
validated (every reference resolves) and with the evaluations of evaluate.evaluate_indicators. Pure:
no I/O, no environment, no clock. Render and publish take these objects and never see pandas, the
disk or the environment; they look nothing up by scanning (policies by id, an indicator's baseline,
its values-table rows, its citation and the change groups are attributes, made here once).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .descriptor import PlanConfig
from .evaluate import Evaluation, expected_value
from .fmt import format_date, format_percent, format_period, format_value

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default for site_url (a test checks they agree)
# Values listed in one feed entry or on /changes/; the rest are counted and linked. Feed readers fetch
# the whole feed on every poll, so a first publication of 1,000 indicators must not make it megabytes.
ENTRY_ITEMS = 100
# The resources of the role division (役割区分): a plan has all three or none
ROLE_DIVISION = frozenset({"actors", "actions", "roles"})


@dataclass(frozen=True)
class Settings:
    """What the build is told rather than what the data says: read once, at the entry (cli.py)."""

    site_url: str = DEFAULT_SITE_URL  # the published address, ending in a slash
    templates: Path | None = None  # a fork's own page templates, which come before the engine's

    def __post_init__(self) -> None:
        if not self.site_url.endswith("/"):
            object.__setattr__(self, "site_url", self.site_url + "/")


@dataclass(frozen=True)
class Observation:
    period: int
    value: float
    source: str
    note: str
    published: datetime.date


@dataclass(frozen=True)
class ValueRow:
    """One year of an indicator's values table: what was observed and where the straight path is,
    with the words the table shows (made here once: a template's function call costs more than the
    formatting itself)."""

    period: int
    observation: Observation | None
    expected: float | None  # on the path (design §6), shown to 4 decimal places; None before t0
    is_baseline: bool
    is_target: bool
    period_text: str
    value_text: str  # 未登録 when nothing was observed that year
    expected_text: str  # — before the baseline year
    kinds_text: str  # 現状値 / 実績値 / 目標年（目標値 …）


@dataclass(frozen=True)
class Citation:
    """The two credit lines of 公共データ利用規約 第1.0版: as is, and when the data was edited."""

    as_is: str
    edited: str


@dataclass(eq=False)
class Policy:
    policy_id: str
    number: int
    title: str
    heading: str  # 「基本方針 1 市民協働への理解促進」, in the plan's own word for a policy
    indicators: list[Indicator] = field(default_factory=list, repr=False)
    actions: list[Action] = field(default_factory=list, repr=False)


@dataclass(eq=False)
class Indicator:
    indicator_id: str
    policy: Policy = field(repr=False)
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
    observations: list[Observation]
    evaluation: Evaluation
    baseline: Observation = field(init=False)
    updated: datetime.date = field(init=False)
    rows: list[ValueRow] = field(init=False)
    notes: list[tuple[str, str]] = field(init=False)  # (period in words, note) of each noted value
    citation: Citation = field(default=Citation("", ""))

    def __post_init__(self) -> None:
        self.baseline = next(o for o in self.observations if o.period == self.baseline_period)
        self.updated = max(o.published for o in self.observations)
        self.rows = values_rows(self)
        self.notes = [(self.period(o.period), o.note) for o in self.observations if o.note]

    @property
    def policy_id(self) -> str:
        return self.policy.policy_id

    def period(self, year: int) -> str:
        return format_period(year, self.period_type)

    def value(self, value: float) -> str:
        return format_value(value, self.unit)

    # What every list of indicators shows, in words: templates read these instead of calling period()
    # and value() once per cell

    @cached_property
    def baseline_text(self) -> tuple[str, str]:
        return self.value(self.baseline.value), self.period(self.baseline_period)

    @cached_property
    def target_text(self) -> tuple[str, str]:
        return self.value(self.target_value), self.period(self.target_period)

    @cached_property
    def latest_text(self) -> tuple[str, str] | None:
        e = self.evaluation
        return None if e.latest_period is None else (self.value(e.latest_value), self.period(e.latest_period))

    @cached_property
    def rate_text(self) -> str:
        return format_percent(self.evaluation.rate)


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str


@dataclass
class Action:
    action_id: str
    policy_id: str
    name: str
    actor_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Change:
    """One value added to the data: an observation with its indicator, and how pages name it."""

    indicator: Indicator
    observation: Observation
    kind: str  # 現状値 or 実績値
    period: str  # the period in words
    value: str  # the value with its unit


def change(indicator: Indicator, observation: Observation) -> Change:
    kind = "現状値" if observation.period == indicator.baseline_period else "実績値"
    return Change(indicator, observation, kind, indicator.period(observation.period), indicator.value(observation.value))


@dataclass(frozen=True)
class Update:
    """Every value published on one date (the feed's entry, a section of /changes/<year>/)."""

    date: datetime.date
    changes: list[Change]

    @property
    def anchor(self) -> str:
        """The fragment of the date's section on its year's change log (stable: #2026-11-28)."""
        return self.date.isoformat()

    @property
    def url(self) -> str:
        """The address of the date's section: its year's change log (changes/2026/#2026-11-28)."""
        return f"changes/{self.date.year}/#{self.anchor}"

    @property
    def listed(self) -> list[Change]:
        return self.changes[:ENTRY_ITEMS]

    @cached_property
    def summary(self) -> str:
        kinds = {kind: sum(1 for c in self.changes if c.kind == kind) for kind in ("実績値", "現状値")}
        detail = "、".join(f"{kind} {count}件" for kind, count in kinds.items() if count)
        return f"{len(self.changes)}件の値を掲載しました（{detail}）。"

    @cached_property
    def title(self) -> str:
        """「2018年6月29日: 協働の認知度 2017年（平成29年）ほか2件を掲載」."""
        named = [f"{c.indicator.name} {c.period}" for c in self.changes[:2]]
        more = f"ほか{len(self.changes) - 2}件" if len(self.changes) > 2 else ""
        return f"{format_date(self.date)}: {'、'.join(named)}{more}を掲載"


@dataclass
class Site:
    descriptor: dict
    config: PlanConfig  # the plan's words, units, status method and site name (descriptor.py)
    settings: Settings
    policies: list[Policy]
    indicators: list[Indicator]
    actors: list[Actor]
    updates: list[Update]  # newest first
    citation: Citation = field(default=Citation("", ""))

    @property
    def title(self) -> str:
        return self.descriptor.get("plan", {}).get("title") or self.descriptor.get("title", "")

    @property
    def name(self) -> str:
        """The site's name as the home page heading and mkdocs.yml's site_name write it."""
        return self.config.site_name

    @property
    def words(self) -> dict[str, str]:
        """The plan's vocabulary: 基本方針 / 成果指標 / 取組 / 役割区分 / 主体, or the plan's own words."""
        return self.config.vocabulary

    @property
    def statuses(self) -> dict[str, str]:
        """Status labels by code, in the order pages list them."""
        return self.config.labels

    @property
    def base_url(self) -> str:
        return self.settings.site_url

    @property
    def publisher(self) -> str:
        return self.descriptor.get("publisher", {}).get("name", "")

    @property
    def licence(self) -> dict:
        """The first licence of datapackage.json (the package declares one)."""
        return (self.descriptor.get("licenses") or [{}])[0]

    @property
    def licence_title(self) -> str:
        return self.licence.get("title", self.licence.get("name", ""))

    @property
    def updated(self) -> datetime.date | None:
        return self.updates[0].date if self.updates else None

    @property
    def updated_text(self) -> str:
        return format_date(self.updated) if self.updated else "未登録"


def text(value: object) -> str:
    return "" if value is None or value is pd.NA else str(value)


def make_site(
    descriptor: dict, config: PlanConfig, tables: dict[str, pd.DataFrame], evaluations: dict[str, Evaluation], settings: Settings,
) -> Site:
    """Join the tables in the plan's order (policy number, then each table's order column)."""
    word = config.vocabulary["policy"]
    policies = [
        Policy(row.policy_id, int(row.number), row.title, f"{word} {int(row.number)} {row.title}")
        for row in tables["policies"].sort_values(["number", "policy_id"]).itertuples()
    ]
    by_policy = {p.policy_id: p for p in policies}
    observations: dict[str, list[Observation]] = {}
    for row in tables["observations"].sort_values(["indicator_id", "period"]).itertuples():
        observations.setdefault(row.indicator_id, []).append(
            Observation(int(row.period), float(row.value), row.source, text(row.note), row.published)
        )
    indicators = []
    for row in in_plan_order(tables["indicators"], by_policy).itertuples():
        indicator = Indicator(
            row.indicator_id, by_policy[row.policy_id], row.name, text(row.measure), row.unit,
            row.period_type, row.direction, int(row.baseline_period), int(row.target_period),
            float(row.target_value), row.source, text(row.note), observations[row.indicator_id],
            evaluations[row.indicator_id],
        )
        indicators.append(indicator)
        indicator.policy.indicators.append(indicator)

    # The role division is optional (design §10): a plan without it has no actors and no actions
    actors = []
    if ROLE_DIVISION <= tables.keys():
        actors = [Actor(row.actor_id, row.name) for row in tables["actors"].sort_values(["order", "actor_id"]).itertuples()]
        roles: dict[str, set[str]] = {}
        for row in tables["roles"].itertuples():
            roles.setdefault(row.action_id, set()).add(row.actor_id)
        for row in in_plan_order(tables["actions"], by_policy).itertuples():
            action = Action(row.action_id, row.policy_id, row.name, frozenset(roles.get(row.action_id, ())))
            by_policy[action.policy_id].actions.append(action)

    site = Site(descriptor, config, settings, policies, indicators, actors, group_updates(indicators))
    site.citation = dataset_citation(site)
    for indicator in indicators:
        indicator.citation = indicator_citation(site, indicator)
    return site


def in_plan_order(frame: pd.DataFrame, by_policy: dict[str, Policy]) -> pd.DataFrame:
    key = frame.columns[0]
    numbers = frame["policy_id"].map({p: policy.number for p, policy in by_policy.items()})
    return frame.assign(policy_number=numbers).sort_values(["policy_number", "order", key])


def values_rows(indicator: Indicator) -> list[ValueRow]:
    """The values table: every observed year and the target year, with the straight path."""
    b, t0 = indicator.baseline.value, indicator.baseline_period
    target, t1 = indicator.target_value, indicator.target_period
    observed = {o.period: o for o in indicator.observations}
    rows = []
    for year in sorted(set(observed) | {t1}):
        observation = observed.get(year)
        expected = shown_expected(expected_value(b, t0, target, t1, year)) if year >= t0 else None
        kinds = ["現状値"] if year == t0 else ["実績値"] if observation else []
        if year == t1:
            kinds.append(f"目標年（目標値 {indicator.value(target)}）")
        rows.append(ValueRow(
            year, observation, expected, year == t0, year == t1, indicator.period(year),
            indicator.value(observation.value) if observation else "未登録",
            indicator.value(expected) if expected is not None else "—", "、".join(kinds),
        ))
    return rows


def shown_expected(value: float) -> float:
    """An expected value as every page writes it, to 4 decimal places: the values table and the
    calculation block must never show one value two ways."""
    return round(value, 4)


def group_updates(indicators: list[Indicator]) -> list[Update]:
    """Changes grouped by publication date, newest first; within a day in the plan's order."""
    by_date: dict[datetime.date, list[Change]] = {}
    for indicator in indicators:
        for observation in indicator.observations:
            by_date.setdefault(observation.published, []).append(change(indicator, observation))
    return [Update(date, by_date[date]) for date in sorted(by_date, reverse=True)]


def dataset_citation(site: Site) -> Citation:
    updated = f"、{format_date(site.updated)}更新" if site.updated else ""
    name = f"「{site.name}」オープンデータ"
    url = f"{site.base_url}data/"
    return Citation(f"出典: {site.publisher}{name}（{url}{updated}）", f"{name}（{site.publisher}）（{url}）を加工して作成")


def indicator_citation(site: Site, indicator: Indicator) -> Citation:
    name = f"「{site.name}」{site.words['indicator']}「{indicator.name}」"
    url = f"{site.base_url}indicators/{indicator.indicator_id}/"
    return Citation(
        f"出典: {site.publisher}{name}（{url}、{format_date(indicator.updated)}更新）",
        f"{name}（{site.publisher}）（{url}）を加工して作成",
    )
