"""Descriptor: what datapackage.json says about the plan beyond its tables, with the engine's defaults.

Contract: read_config(descriptor) returns a PlanConfig; config_problems(descriptor) says, in Japanese,
what is wrong with those entries (validate.py reports each at datapackage.json). Pure.

Everything that makes a site one municipality's rather than another's is here or in the tables, never
in the engine's code or templates (design §10): the site's name and copyright, the sentences that
cite the plan's legal basis, the words the pages use for the plan's parts, the kind of each unit
(what the checks do with it), and the status method's thresholds and labels. A fork writes in its
datapackage.json only what differs from the defaults:

    "site": {
      "name": "…計画 進捗状況",          (default: the plan's title + 「 進捗状況」)
      "copyright": "…",                   (the footer; mkdocs.yml must agree or leave it out)
      "promotion_page": "promotion.md"    (a hand-written page on how the plan is carried out)
    },
    "plan": {"title": …, "period": …, "legal_basis": …,
             "publication": "…（sentences for the home page: how the plan says progress is published）"},
    "vocabulary": {"policy": "基本方針", "measure": "施策", "indicator": "成果指標", "action": "取組",
                   "roles": "役割区分", "actor": "主体"},
    "units": {"点": "number", "法人": "count", "円": "money"},
    "status": {"thresholds": {"on_track": 0.95, "slightly_behind": 0.60}, "labels": {"on-track": "順調", …}}

Unit kinds: `percent` (a share: 0–100), `count` (a number of things: a whole number), `money` (yen: a
whole number), `number` (anything else, e.g. a score or 万人: no extra check). A unit the descriptor
does not name takes its kind from the defaults below, else `number`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

DEFAULT_VOCABULARY = {"policy": "基本方針", "measure": "施策", "indicator": "成果指標", "action": "取組", "roles": "役割区分", "actor": "主体"}
UNIT_KINDS = ("percent", "count", "money", "number")
DEFAULT_UNITS = {"%": "percent", "団体": "count", "施策": "count", "人": "count", "件": "count", "回": "count", "か所": "count", "円": "money"}
# Status codes are stable (published in status.csv); labels are what pages show (design §6)
DEFAULT_LABELS = {
    "achieved": "目標達成",
    "on-track": "順調",
    "slightly-behind": "やや遅れ",
    "behind": "遅れ",
    "regressing": "後退",
    "not-achieved": "未達成",
    "no-data": "実績未登録",
}
# Thresholds of R, exact (Fraction("0.95") is 19/20; the float 0.95 is a hair below it)
DEFAULT_THRESHOLDS = {"on_track": "0.95", "slightly_behind": "0.60"}


@dataclass(frozen=True)
class Thresholds:
    on_track: Fraction = Fraction(DEFAULT_THRESHOLDS["on_track"])
    slightly_behind: Fraction = Fraction(DEFAULT_THRESHOLDS["slightly_behind"])


@dataclass(frozen=True)
class PlanConfig:
    site_name: str
    copyright: str
    publication: str
    promotion_page: str
    vocabulary: dict[str, str]
    units: dict[str, str]
    labels: dict[str, str]
    thresholds: Thresholds = field(default_factory=Thresholds)

    def unit_kind(self, unit: str) -> str:
        return self.units.get(unit, "number")


def read_config(descriptor: dict) -> PlanConfig:
    """The plan's configuration, defaults filled in. Call only on a descriptor config_problems accepts."""
    site, plan, status = section(descriptor, "site"), section(descriptor, "plan"), section(descriptor, "status")
    title = plan.get("title") or descriptor.get("title", "")
    thresholds = {**DEFAULT_THRESHOLDS, **{k: str(v) for k, v in section(status, "thresholds").items()}}
    return PlanConfig(
        site_name=site.get("name") or f"{title} 進捗状況",
        copyright=site.get("copyright", ""),
        publication=plan.get("publication", ""),
        promotion_page=site.get("promotion_page", ""),
        vocabulary={**DEFAULT_VOCABULARY, **section(descriptor, "vocabulary")},
        units={**DEFAULT_UNITS, **section(descriptor, "units")},
        labels={**DEFAULT_LABELS, **section(status, "labels")},
        thresholds=Thresholds(Fraction(thresholds["on_track"]), Fraction(thresholds["slightly_behind"])),
    )


def section(node: dict, key: str) -> dict:
    value = node.get(key, {}) if isinstance(node, dict) else {}
    return value if isinstance(value, dict) else {}


def config_problems(descriptor: dict) -> list[str]:
    """What is wrong with the plan's configuration, each as a sentence for the clerk."""
    problems = []
    for key in ("site", "plan", "vocabulary", "units", "status"):
        if key in descriptor and not isinstance(descriptor[key], dict):
            problems.append(f"datapackage.json の「{key}」は {{ }} で囲んだ項目の集まりにしてください。")
    texts = [("site", k) for k in ("name", "copyright", "promotion_page")] + [("plan", "publication")]
    for parent, key in texts:
        value = section(descriptor, parent).get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"datapackage.json の {parent}.{key} は文字列（\"…\"）にしてください。")
    for key, word in section(descriptor, "vocabulary").items():
        if key not in DEFAULT_VOCABULARY:
            problems.append(f"datapackage.json の vocabulary に知らない項目「{key}」があります。使える項目: {'、'.join(DEFAULT_VOCABULARY)}")
        elif not isinstance(word, str) or not word.strip():
            problems.append(f"datapackage.json の vocabulary.{key} は空でない文字列にしてください（既定: {DEFAULT_VOCABULARY[key]}）。")
    for unit, kind in section(descriptor, "units").items():
        if kind not in UNIT_KINDS:
            problems.append(
                f"datapackage.json の units の「{unit}」の種類「{kind}」は使えません。percent（割合、0〜100）、"
                "count（個数、整数）、money（金額、整数）、number（その他の数値）のいずれかにしてください。"
            )
    status = section(descriptor, "status")
    for code in section(status, "labels"):
        if code not in DEFAULT_LABELS:
            problems.append(f"datapackage.json の status.labels に知らない状況「{code}」があります。使える状況: {'、'.join(DEFAULT_LABELS)}")
    thresholds = section(status, "thresholds")
    try:
        values = {k: Fraction(str(thresholds.get(k, v))) for k, v in DEFAULT_THRESHOLDS.items()}
    except (ValueError, ZeroDivisionError):
        problems.append("datapackage.json の status.thresholds の値は数値（例: 0.95）にしてください。")
    else:
        unknown = set(thresholds) - set(DEFAULT_THRESHOLDS)
        if unknown:
            problems.append(f"datapackage.json の status.thresholds に知らない項目 {'、'.join(sorted(unknown))} があります。使える項目: on_track、slightly_behind")
        if not 0 < values["slightly_behind"] < values["on_track"] <= 1:
            problems.append("datapackage.json の status.thresholds は 0 < slightly_behind < on_track ≤ 1 にしてください（既定: 0.60 と 0.95）。")
    return problems
