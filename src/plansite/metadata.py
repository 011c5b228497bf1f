"""Metadata: what catalogues, search engines and programs read about the data (issue 17). Pure
functions of the site model; every address is absolute, from site.base_url (the Settings' address,
never the environment).

- dataset_jsonld(site), indicator_dataset_jsonld(site, indicator): schema.org `Dataset` objects for
  the <script type="application/ld+json"> in the <head> of /data/ and of each indicator page (Google
  Dataset Search reads them); jsonld_script(node) gives the text to put inside that element.
- catalog_jsonld(site): a DCAT catalogue, data/catalog.jsonld, with one dcat:Dataset for the whole
  package and one per resource, for harvesters (CKAN's ckanext-dcat, e.g. BODIK's catalogue).
- indicator_json(site, indicator): data/indicators/<id>.json, the indicator, its observations and its
  evaluation, for developers; indicator_schema(site) describes it (JSON Schema 2020-12, published at
  data/indicator.schema.json).
- metadata_files(site): those files as {path under the docs tree: bytes}, for publish.data_files.

Why the JSON-LD goes into <head> and not the page's content: Material's instant navigation re-creates
every inline <script> inside the content container from its text alone, without its `type`
(integrations/instant/index.ts, inject()): a JSON-LD block there would be run as JavaScript after an
instant page change. Head elements are compared by their markup, and the new page's are added as
they are, so an ld+json block in the head stays a data block and follows the page.

Every date is the data's own (the observations' `published` column), never the clock, so two builds
give the same bytes. The package files this module lists are the ones publish.data_files writes; the
tests check that every address here is a file of the build.
"""

from __future__ import annotations

import json
import posixpath

from .evaluate import STATUSES
from .model import Indicator, Site

CATALOG = "data/catalog.jsonld"
INDICATOR_SCHEMA_PATH = "data/indicator.schema.json"
LOCAL_GOVERNMENT_CODE = "全国地方公共団体コード"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# IANA's registry names each media type by a stable address, which DCAT 3 recommends for
# dcat:mediaType (https://www.w3.org/TR/vocab-dcat-3/#Property:distribution_media_type)
IANA = "https://www.iana.org/assignments/media-types/"
# The ISO 639-1 code list of the Library of Congress, as DCAT's examples name a language
JAPANESE = "http://id.loc.gov/vocabulary/iso639-1/ja"

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "@language": "ja",
}

# (path, media type, title) of the whole package's files, at the addresses publish.data_files writes
PACKAGE_FILES = (
    ("data/datapackage.zip", "application/zip", "データパッケージ一式（zip）"),
    ("data/datapackage.json", "application/json", "データパッケージの記述（Frictionless Data Package）"),
    ("data/datapackage.xlsx", XLSX, "Excel ブック（表ごとに1シート）"),
    ("data/status.csv", "text/csv", "進捗状況（評価の結果）"),
)


# Addresses -------------------------------------------------------------------------------------------


def resource_csv_path(resource: dict) -> str:
    return f"data/{posixpath.basename(resource['path'])}"  # the stable address of design §5


def resource_downloads(site: Site) -> list[tuple[str, str, str]]:
    """(path, media type, title) of each resource's CSV at its stable address."""
    return [(resource_csv_path(r), "text/csv", f"{r.get('title', r['name'])}（{posixpath.basename(r['path'])}）")
            for r in site.descriptor["resources"]]


# Dates and coverage ----------------------------------------------------------------------------------


def issued(site: Site) -> str | None:
    """The first publication date in the data: when the data first appeared."""
    dates = [o.published for i in site.indicators for o in i.observations]
    return min(dates).isoformat() if dates else None


def modified(site: Site) -> str | None:
    return site.updated.isoformat() if site.updated else None


def period_bounds(indicator: Indicator) -> tuple[str, str]:
    """First and last month the indicator covers, from its first observation to its target period
    (or a later observation): a 年度 runs from April to the next March (design §2)."""
    first = min([o.period for o in indicator.observations] + [indicator.baseline_period])
    last = max([o.period for o in indicator.observations] + [indicator.target_period])
    if indicator.period_type == "年度":
        return f"{first:04d}-04", f"{last + 1:04d}-03"
    return f"{first:04d}-01", f"{last:04d}-12"


def coverage(indicators: list[Indicator]) -> tuple[str, str] | None:
    bounds = [period_bounds(i) for i in indicators]
    return (min(b[0] for b in bounds), max(b[1] for b in bounds)) if bounds else None


def iso_interval(bounds: tuple[str, str]) -> str:
    """ISO 8601 interval, as schema.org's temporalCoverage takes it: 2014/2020 for whole calendar
    years, else year-months, 2014-04/2020-03 for 平成26年度 to 令和元年度."""
    start, end = bounds
    if start.endswith("-01") and end.endswith("-12"):
        return f"{start[:4]}/{end[:4]}"
    return f"{start}/{end}"


# schema.org ------------------------------------------------------------------------------------------


def publisher_jsonld(site: Site) -> dict:
    """The publisher as a GovernmentOrganization, identified by its 全国地方公共団体コード."""
    node: dict = {"@type": "GovernmentOrganization", "name": site.publisher}
    code = site.descriptor.get("publisher", {}).get("local_government_code")
    if code:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": LOCAL_GOVERNMENT_CODE, "value": str(code)}
    return node


def data_download(site: Site, path: str, media_type: str, title: str) -> dict:
    return {"@type": "DataDownload", "name": title, "encodingFormat": media_type, "contentUrl": site.base_url + path}


def common_jsonld(site: Site) -> dict:
    node = {
        "inLanguage": "ja",
        "isAccessibleForFree": True,
        "publisher": publisher_jsonld(site),
        "creator": publisher_jsonld(site),
    }
    if site.licence.get("path"):
        node["license"] = site.licence["path"]
    return node


def dataset_jsonld(site: Site) -> dict:
    """The whole package as a schema.org Dataset, for /data/."""
    descriptor, base = site.descriptor, site.base_url
    node: dict = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": f"{base}data/#dataset",
        "name": descriptor.get("title") or site.title,
        "description": descriptor.get("description", ""),
        "url": f"{base}data/",
        "identifier": descriptor.get("name", ""),
        "keywords": list(descriptor.get("keywords", [])),
        **common_jsonld(site),
        "creditText": site.citation.as_is,
        "distribution": [data_download(site, *file) for file in [*PACKAGE_FILES, *resource_downloads(site)]],
        "hasPart": [{"@id": f"{base}{i.page}#dataset"} for i in site.indicators],
    }
    if descriptor.get("version"):
        node["version"] = descriptor["version"]
    span = coverage(site.indicators)
    if span:
        node["temporalCoverage"] = iso_interval(span)
    if issued(site):
        node["datePublished"] = issued(site)
        node["dateModified"] = modified(site)
    return node


def indicator_title(indicator: Indicator) -> str:
    return indicator.name + (f"（{indicator.measure}）" if indicator.measure else "")


def indicator_description(site: Site, indicator: Indicator) -> str:
    """A sentence or two that says what the indicator's data is (Google asks for 50 characters or more)."""
    measure = f"（数える回答: {indicator.measure}）" if indicator.measure else ""
    return (
        f"{site.title}の{site.words['indicator']}「{indicator.name}」{measure}の現状値・実績値・目標値と進捗状況（達成率と評価）。"
        f"単位は{indicator.unit}、期間は{indicator.period_type}ごと。値の出典: {indicator.source}。"
    )


def indicator_dataset_jsonld(site: Site, indicator: Indicator) -> dict:
    """One indicator as a schema.org Dataset, for its page /indicators/<id>/."""
    base = site.base_url
    page = base + indicator.page
    keywords = [*site.descriptor.get("keywords", []), indicator.name, indicator.policy.title]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": f"{page}#dataset",
        "name": f"{indicator_title(indicator)} — {site.title} {site.words['indicator']}",
        "description": indicator_description(site, indicator),
        "url": page,
        "identifier": indicator.indicator_id,
        "keywords": list(dict.fromkeys(keywords)),
        **common_jsonld(site),
        "creditText": indicator.citation.as_is,
        "isPartOf": {"@id": f"{base}data/#dataset"},
        "temporalCoverage": iso_interval(period_bounds(indicator)),
        "variableMeasured": {"@type": "PropertyValue", "name": indicator.name, "unitText": indicator.unit},
        "distribution": [
            data_download(site, indicator.csv_path, "text/csv", f"{indicator.name}の値（CSV）"),
            data_download(site, indicator.json_path, "application/json", f"{indicator.name}の値と評価（JSON）"),
        ],
        "datePublished": min(o.published for o in indicator.observations).isoformat(),
        "dateModified": indicator.updated.isoformat(),
    }


def jsonld_script(node: dict) -> str:
    """The JSON to put inside <script type="application/ld+json">, to be written unescaped.

    "<", ">" and "&" are written as \\u escapes, so that no text from the data can close the element
    (</script>) or open a comment (<!--) in it; JSON parsers read the same strings."""
    text = json.dumps(node, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# DCAT ------------------------------------------------------------------------------------------------


def dated(value: str) -> dict:
    return {"@value": value, "@type": "xsd:date"}


def dcat_distribution(site: Site, path: str, media_type: str, title: str) -> dict:
    base = site.base_url
    node = {
        "@id": f"{base}{path}#distribution",
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:downloadURL": {"@id": base + path},
        "dcat:accessURL": {"@id": f"{base}data/"},
        "dcat:mediaType": {"@id": IANA + media_type},
    }
    if site.licence.get("path"):
        node["dct:license"] = {"@id": site.licence["path"]}
    return node


def dcat_dataset(site: Site, identifier: str, title: str, description: str, files: list[tuple[str, str, str]]) -> dict:
    base = site.base_url
    node: dict = {
        "@id": identifier,
        "@type": "dcat:Dataset",
        "dct:title": title,
        "dct:description": description,
        "dct:publisher": {"@id": f"{base}#publisher"},
        "dct:language": {"@id": JAPANESE},
        "dcat:landingPage": {"@id": f"{base}data/"},
        "dcat:keyword": list(site.descriptor.get("keywords", [])),
        "dcat:distribution": [dcat_distribution(site, *file) for file in files],
    }
    if site.licence.get("path"):
        node["dct:license"] = {"@id": site.licence["path"]}
    if issued(site):
        node["dct:issued"] = dated(issued(site))
        node["dct:modified"] = dated(modified(site))
    span = coverage(site.indicators)
    if span:
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": span[0], "@type": "xsd:gYearMonth"},
            "dcat:endDate": {"@value": span[1], "@type": "xsd:gYearMonth"},
        }
    return node


def catalog_jsonld(site: Site) -> dict:
    """A dcat:Catalog of the site's data: the package as one dataset, and each resource as one."""
    descriptor, base = site.descriptor, site.base_url
    title = descriptor.get("title") or site.title
    agent: dict = {"@id": f"{base}#publisher", "@type": ["foaf:Agent", "foaf:Organization"], "foaf:name": site.publisher}
    code = descriptor.get("publisher", {}).get("local_government_code")
    if code:
        # a plain string (the context's @language would otherwise tag the code as Japanese text)
        agent["dct:identifier"] = {"@value": str(code), "@type": "xsd:string"}
    datasets = [dcat_dataset(site, f"{base}data/#dataset", title, descriptor.get("description", ""), list(PACKAGE_FILES))]
    for resource in descriptor["resources"]:
        csv = resource_csv_path(resource)
        name, label = posixpath.basename(csv), resource.get("title", resource["name"])
        datasets.append(dcat_dataset(
            site, f"{base}data/#{resource['name']}", f"{title}: {label}（{resource['name']}）", resource.get("description", ""),
            [(csv, "text/csv", f"{label}（{name}、UTF-8）"),
             (f"data/excel/{name}", "text/csv", f"{label}（{name}、Excel 用: BOM 付き UTF-8）")],
        ))
    catalog: dict = {
        "@context": DCAT_CONTEXT,
        "@id": base + CATALOG,
        "@type": "dcat:Catalog",
        "dct:title": f"{site.name} オープンデータ",
        "dct:description": descriptor.get("description", ""),
        "dct:publisher": agent,
        "dct:language": {"@id": JAPANESE},
        "foaf:homepage": {"@id": base},
        "dcat:dataset": datasets,
    }
    if site.licence.get("path"):
        catalog["dct:license"] = {"@id": site.licence["path"]}
    if issued(site):
        catalog["dct:issued"] = dated(issued(site))
        catalog["dct:modified"] = dated(modified(site))
    return catalog


# Per-indicator JSON ----------------------------------------------------------------------------------


def plain(value: float | None, digits: int | None = None) -> int | float | None:
    """A number as JSON writes it best: 15 rather than 15.0; derived values rounded to `digits`."""
    if value is None:
        return None
    if digits is not None:
        value = round(value, digits)
    return int(value) if float(value).is_integer() else value


def indicator_json(site: Site, indicator: Indicator) -> dict:
    """The indicator's fields, its observations and its evaluation, with absolute links."""
    e, base = indicator.evaluation, site.base_url
    return {
        "$schema": base + INDICATOR_SCHEMA_PATH,
        "indicator_id": indicator.indicator_id,
        "policy_id": indicator.policy_id,
        "policy_title": indicator.policy.title,
        "name": indicator.name,
        "measure": indicator.measure,
        "unit": indicator.unit,
        "period_type": indicator.period_type,
        "direction": indicator.direction,
        "baseline_period": indicator.baseline_period,
        "target_period": indicator.target_period,
        "target_value": plain(indicator.target_value),
        "source": indicator.source,
        "note": indicator.note,
        "updated": indicator.updated.isoformat(),
        "url": base + indicator.page,
        "csv": base + indicator.csv_path,
        "license": site.licence.get("path", ""),
        "citation": indicator.citation.as_is,
        "observations": [
            {"period": o.period, "value": plain(o.value), "source": o.source, "note": o.note, "published": o.published.isoformat()}
            for o in indicator.observations
        ],
        "evaluation": {
            "status": e.status,
            "status_label": site.statuses[e.status],
            "baseline_period": e.baseline_period,
            "baseline_value": plain(e.baseline_value),
            "target_period": e.target_period,
            "target_value": plain(e.target_value),
            "latest_period": e.latest_period,
            "latest_value": plain(e.latest_value),
            "expected_value": plain(e.expected_value, 6),
            "achievement_rate": plain(e.rate, 6),
            "progress_ratio": plain(e.ratio, 6),
            "reason": e.reason,
        },
    }


# Table Schema constraints that mean the same in JSON Schema
SHARED_CONSTRAINTS = ("enum", "pattern", "minimum", "maximum")


def field_descriptions(site: Site, resource: str) -> dict[str, dict]:
    """The Table Schema's fields of a resource by name, for the JSON Schema's titles and constraints."""
    for r in site.descriptor["resources"]:
        if r["name"] == resource:
            return {f["name"]: f for f in r["schema"]["fields"]}
    return {}


def described(field: dict | None, kind: str | list[str], **more: object) -> dict:
    """A JSON Schema property with the Table Schema field's title, description and constraints."""
    node: dict = {"type": kind}
    if field:
        for key in ("title", "description"):
            if field.get(key):
                node[key] = field[key]
        constraints = field.get("constraints", {})
        node.update({key: constraints[key] for key in SHARED_CONSTRAINTS if key in constraints})
    node.update(more)
    return node


def indicator_schema(site: Site) -> dict:
    """The JSON Schema of indicator_json(), titled and described from the package's Table Schema."""
    fields = field_descriptions(site, "indicators")
    observed = field_descriptions(site, "observations")
    word = site.words["indicator"]
    year = {"type": "integer", "minimum": 1900, "maximum": 2100}
    optional_number = {"type": ["number", "null"]}
    date = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    uri = {"type": "string", "format": "uri"}
    required = [
        "indicator_id", "policy_id", "policy_title", "name", "measure", "unit", "period_type", "direction",
        "baseline_period", "target_period", "target_value", "source", "note", "updated", "url", "csv",
        "license", "citation", "observations", "evaluation",
    ]
    evaluation_required = [
        "status", "status_label", "baseline_period", "baseline_value", "target_period", "target_value",
        "latest_period", "latest_value", "expected_value", "achievement_rate", "progress_ratio", "reason",
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site.base_url + INDICATOR_SCHEMA_PATH,
        "title": f"{word}のデータ（1指標分）",
        "description": f"data/indicators/<indicator_id>.json の形式。{word}の定義、実績値（現状値を含む）、進捗状況の評価（サイトの「評価の方法」による）。",
        "type": "object",
        "required": required,
        "properties": {
            "$schema": uri,
            "indicator_id": described(fields.get("indicator_id"), "string"),
            "policy_id": described(fields.get("policy_id"), "string"),
            "policy_title": {"type": "string", "title": f"{site.words['policy']}の名前"},
            "name": described(fields.get("name"), "string"),
            "measure": described(fields.get("measure"), "string"),
            "unit": described(fields.get("unit"), "string"),
            "period_type": described(fields.get("period_type"), "string", enum=["年", "年度"]),
            "direction": described(fields.get("direction"), "string", enum=["increase", "decrease"]),
            "baseline_period": described(fields.get("baseline_period"), "integer", **year),
            "target_period": described(fields.get("target_period"), "integer", **year),
            "target_value": described(fields.get("target_value"), "number"),
            "source": described(fields.get("source"), "string"),
            "note": described(fields.get("note"), "string"),
            "updated": {**date, "title": "最終更新日", "description": "この指標の値の掲載日（published）のうち最も新しい日。"},
            "url": {**uri, "title": "指標のページ"},
            "csv": {**uri, "title": "この指標の実績値の CSV"},
            "license": {"type": "string", "title": "利用条件（ライセンス）の URL", "description": "データパッケージの licenses の最初の path。記載がなければ空。"},
            "citation": {"type": "string", "title": "出典の記載例"},
            "observations": {
                "type": "array",
                "title": "実績値（現状値を含む。年の順）",
                "items": {
                    "type": "object",
                    "required": ["period", "value", "source", "note", "published"],
                    "properties": {
                        "period": described(observed.get("period"), "integer", **year),
                        "value": described(observed.get("value"), "number"),
                        "source": described(observed.get("source"), "string"),
                        "note": described(observed.get("note"), "string"),
                        "published": described(observed.get("published"), "string", **date),
                    },
                    "additionalProperties": False,
                },
            },
            "evaluation": {
                "type": "object",
                "title": "進捗状況の評価",
                "required": evaluation_required,
                "properties": {
                    "status": {"type": "string", "enum": list(STATUSES), "title": "状況（コード）"},
                    "status_label": {"type": "string", "enum": list(site.statuses.values()), "title": "状況"},
                    "baseline_period": {**year, "title": "現状値の年"},
                    "baseline_value": {"type": "number", "title": "現状値"},
                    "target_period": {**year, "title": "目標値の年"},
                    "target_value": {"type": "number", "title": "目標値"},
                    "latest_period": {"type": ["integer", "null"], "minimum": 1900, "maximum": 2100,
                                      "title": "最新の実績値の年", "description": "現状値より後の実績値がなければ null。"},
                    "latest_value": {**optional_number, "title": "最新の実績値"},
                    "expected_value": {**optional_number, "title": "期待値", "description": "現状値から目標値までの直線の経路で、最新の実績値の年に期待される値。"},
                    "achievement_rate": {**optional_number, "title": "達成率（%）", "description": "(実績値 − 現状値) ÷ (目標値 − 現状値) × 100。計算できないときは null。"},
                    "progress_ratio": {**optional_number, "title": "進み具合 R", "description": "(実績値 − 現状値) ÷ (期待値 − 現状値)。計算できないときは null。"},
                    "reason": {"type": "string", "title": "評価できない理由など"},
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


# Files -----------------------------------------------------------------------------------------------


def to_json(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def metadata_files(site: Site) -> dict[str, bytes]:
    """The catalogue, the schema and one JSON per indicator, keyed by their path under the docs tree."""
    files = {
        CATALOG: to_json(catalog_jsonld(site)),
        INDICATOR_SCHEMA_PATH: to_json(indicator_schema(site)),
    }
    for indicator in site.indicators:
        files[indicator.json_path] = to_json(indicator_json(site, indicator))
    return files
