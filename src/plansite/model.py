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

import pandas as pd

from .descriptor import PlanConfig
from .evaluate import Evaluation, expected_value
from .fmt import format_date, format_percent, format_period, format_value
from .settings import DEFAULT_SITE_URL, Settings  # noqa: F401 (the model's callers take them from here too)

# Values listed in one feed entry or on /changes/; the rest are counted and linked. Feed readers fetch
# the whole feed on every poll, so a first publication of 1,000 indicators must not make it megabytes.
ENTRY_ITEMS = 100
HOME_CARD = "assets/cards/home.png"  # the home page's share card (card.py); the others are per page
# The resources of the role division (役割区分): a plan has all three or none
ROLE_DIVISION = frozenset({"actors", "actions", "roles"})


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

    @property
    def page(self) -> str:
        """Its address (design §5), relative to the site root."""
        return f"policies/{self.policy_id}/"

    @property
    def card_path(self) -> str:
        """Its share card (card.py), the picture a link to its page shows."""
        return f"assets/cards/policies/{self.policy_id}.png"


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
    latest_report: Report | None = None  # the annual report that published the latest value

    def __post_init__(self) -> None:
        self.baseline = next(o for o in self.observations if o.period == self.baseline_period)
        self.updated = max(o.published for o in self.observations)
        self.rows = values_rows(self)
        self.notes = [(self.period(o.period), o.note) for o in self.observations if o.note]

    @property
    def policy_id(self) -> str:
        return self.policy.policy_id

    # Its addresses (design §5), relative to the site root: every page, file and feed links these

    @property
    def page(self) -> str:
        return f"indicators/{self.indicator_id}/"

    @property
    def csv_path(self) -> str:
        return f"data/indicators/{self.indicator_id}.csv"

    @property
    def json_path(self) -> str:
        return f"data/indicators/{self.indicator_id}.json"

    @property
    def card_path(self) -> str:
        return f"assets/cards/indicators/{self.indicator_id}.png"

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


@dataclass(eq=False)
class Action:
    action_id: str
    policy_id: str
    name: str
    actor_ids: frozenset[str] = frozenset()
    # the latest annual report's row per actor: {actor_id: (report, progress)}
    latest: dict[str, tuple[Report, Progress]] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Progress:
    """What one actor did for one action in one year, as the annual report says (action_progress)."""

    action: Action
    actor: Actor
    status: str  # implemented / partly / not_implemented / not_applicable
    label: str  # the words pages show (実施 …), from the schema's categories
    activities: str
    department: str
    source: str


@dataclass(frozen=True)
class CouncilEvaluation:
    """The 審議会's evaluation of the plan, a policy or an indicator in one year's report."""

    scope: str  # plan, a policy_id or an indicator_id
    scope_name: str  # 計画全体, the policy's heading or the indicator's name
    scope_url: str  # its page, or "" for the plan
    evaluation: str
    proposals: str
    source: str


@dataclass(eq=False)
class Report:
    """One year's annual report (年次報告) and what was done with it: evaluated, reported, published."""

    report_id: str
    fiscal_year: int
    title: str
    published: datetime.date
    url: str
    evaluated: datetime.date | None
    reported_to_committee: datetime.date | None
    source: str
    note: str
    progress: list[Progress] = field(default_factory=list)
    evaluations: list[CouncilEvaluation] = field(default_factory=list)
    values: list[tuple[Indicator, Observation]] = field(default_factory=list)  # known when published

    @property
    def page(self) -> str:
        return f"reports/{self.fiscal_year}/"

    @property
    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.progress:
            counts[row.status] = counts.get(row.status, 0) + 1
        return counts


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
    reports: list[Report] = field(default_factory=list)  # annual reports published that day

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
        """「年次報告「…」を掲載しました。3件の値を掲載しました（実績値 3件）。」"""
        reports = "".join(f"年次報告「{r.title}」を掲載しました。" for r in self.reports)
        if not self.changes:
            return reports
        kinds = {kind: sum(1 for c in self.changes if c.kind == kind) for kind in ("実績値", "現状値")}
        detail = "、".join(f"{kind} {count}件" for kind, count in kinds.items() if count)
        return f"{reports}{len(self.changes)}件の値を掲載しました（{detail}）。"

    @cached_property
    def title(self) -> str:
        """「2018年6月29日: 協働の認知度 2017年（平成29年）ほか2件を掲載」; a report is named first."""
        named = [f"年次報告「{r.title}」" for r in self.reports] + [f"{c.indicator.name} {c.period}" for c in self.changes[:2]]
        shown = named[: max(2, len(self.reports))]
        rest = len(self.reports) + len(self.changes) - len(shown)
        more = f"ほか{rest}件" if rest > 0 else ""
        return f"{format_date(self.date)}: {'、'.join(shown)}{more}を掲載"


@dataclass
class Site:
    descriptor: dict
    config: PlanConfig  # the plan's words, units, status method and site name (descriptor.py)
    settings: Settings
    policies: list[Policy]
    indicators: list[Indicator]
    actors: list[Actor]
    updates: list[Update]  # newest first
    reports: list[Report] | None = None  # newest first; None when the package has no reports resource
    progress_labels: dict[str, str] = field(default_factory=dict)  # action_progress.status → 実施 …
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
    def card_path(self) -> str:
        return HOME_CARD

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

    reports = make_reports(descriptor, tables, policies, indicators, actors) if "reports" in tables else None
    site = Site(
        descriptor, config, settings, policies, indicators, actors, group_updates(indicators, reports or []), reports,
        status_words(descriptor),
    )
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


def group_updates(indicators: list[Indicator], reports: list[Report]) -> list[Update]:
    """Changes and annual reports grouped by publication date, newest first; within a day in the
    plan's order."""
    by_date: dict[datetime.date, list[Change]] = {}
    for indicator in indicators:
        for observation in indicator.observations:
            by_date.setdefault(observation.published, []).append(change(indicator, observation))
    published: dict[datetime.date, list[Report]] = {}
    for report in sorted(reports, key=lambda r: r.fiscal_year):
        published.setdefault(report.published, []).append(report)
    dates = sorted(set(by_date) | set(published), reverse=True)
    return [Update(date, by_date.get(date, []), published.get(date, [])) for date in dates]


def make_reports(
    descriptor: dict, tables: dict[str, pd.DataFrame], policies: list[Policy], indicators: list[Indicator], actors: list[Actor],
) -> list[Report]:
    """The annual reports, newest first, each with its measures' progress in the plan's order, the
    council's evaluations and the indicator values known when it was published. Each action learns
    its latest reported status per actor."""
    reports = [
        Report(row.report_id, int(row.fiscal_year), row.title, row.published, text(row.url), none(row.evaluated),
               none(row.reported_to_committee), row.source, text(getattr(row, "note", "")))
        for row in tables["reports"].sort_values("fiscal_year", ascending=False).itertuples()
    ]
    by_id = {r.report_id: r for r in reports}
    actions = {a.action_id: a for p in policies for a in p.actions}
    actor_by_id = {a.actor_id: a for a in actors}
    labels = status_words(descriptor)
    if "action_progress" in tables and actions:
        order = {a.action_id: n for n, a in enumerate(actions.values())}
        actor_order = {a.actor_id: n for n, a in enumerate(actors)}
        rows = sorted(tables["action_progress"].itertuples(), key=lambda r: (order[r.action_id], actor_order[r.actor_id]))
        for row in rows:
            action, actor = actions[row.action_id], actor_by_id[row.actor_id]
            progress = Progress(action, actor, row.status, labels.get(row.status, row.status), row.activities, text(row.department), row.source)
            report = by_id[row.report_id]
            report.progress.append(progress)
            known = action.latest.get(actor.actor_id)
            if known is None or known[0].fiscal_year < report.fiscal_year:
                action.latest[actor.actor_id] = (report, progress)
    if "evaluations" in tables:
        policy_by_id = {p.policy_id: p for p in policies}
        indicator_by_id = {i.indicator_id: i for i in indicators}
        for row in tables["evaluations"].itertuples():
            if row.scope == "plan":
                name, url = "計画全体", ""
            elif row.scope in policy_by_id:
                name, url = policy_by_id[row.scope].heading, policy_by_id[row.scope].page
            else:
                name, url = indicator_by_id[row.scope].name, indicator_by_id[row.scope].page
            by_id[row.report_id].evaluations.append(
                CouncilEvaluation(row.scope, name, url, row.evaluation, text(row.proposals), row.source)
            )
        for report in reports:  # the plan first, then policies and indicators in the plan's order
            rank = {p.policy_id: n for n, p in enumerate(policies)} | {i.indicator_id: len(policies) + n for n, i in enumerate(indicators)}
            report.evaluations.sort(key=lambda e: -1 if e.scope == "plan" else rank[e.scope])
    for report in reports:
        for indicator in indicators:
            known = [o for o in indicator.observations if o.published <= report.published]
            if known:
                report.values.append((indicator, known[-1]))
    by_date = {r.published: r for r in sorted(reports, key=lambda r: r.fiscal_year)}
    for indicator in indicators:
        latest = indicator.observations[-1]
        if latest.period != indicator.baseline_period:
            indicator.latest_report = by_date.get(latest.published)
    return reports


def status_words(descriptor: dict) -> dict[str, str]:
    """The words of action_progress.status, from its field's categories (Table Schema v2)."""
    for resource in descriptor.get("resources", []):
        if resource.get("name") == "action_progress":
            for field_ in resource["schema"]["fields"]:
                if field_["name"] == "status":
                    return {c["value"]: c["label"] for c in field_.get("categories", []) if isinstance(c, dict)}
    return {}


def none(value: object) -> object:
    return None if value is None or value is pd.NA else value


def dataset_citation(site: Site) -> Citation:
    updated = f"、{format_date(site.updated)}更新" if site.updated else ""
    name = f"「{site.name}」オープンデータ"
    url = f"{site.base_url}data/"
    return Citation(f"出典: {site.publisher}{name}（{url}{updated}）", f"{name}（{site.publisher}）（{url}）を加工して作成")


def indicator_citation(site: Site, indicator: Indicator) -> Citation:
    name = f"「{site.name}」{site.words['indicator']}「{indicator.name}」"
    url = f"{site.base_url}{indicator.page}"
    return Citation(
        f"出典: {site.publisher}{name}（{url}、{format_date(indicator.updated)}更新）",
        f"{name}（{site.publisher}）（{url}）を加工して作成",
    )
