"""Metadata for catalogues, search engines and programs (issue 17), read as they read it: the JSON-LD
and the DCAT catalogue through a real RDF processor (rdflib's JSON-LD parser) and checked as triples;
the per-indicator JSON against its published JSON Schema (jsonschema).

The schema.org documents name their context as "https://schema.org", which a processor fetches; the
tests have no network, so they parse with a local context holding what schema.org's context says of
the terms used here: the vocabulary (http://schema.org/) and the properties whose values are URLs
(url, license, contentUrl). Terms that schema.org types as text stay text, as there.
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from mutations import VALID
from packages import read_package
from plansite import metadata
from plansite.build import model_site
from plansite.model import Settings, Site
from plansite.publish import data_files

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://example.jp/plan/"
SDO = Namespace("http://schema.org/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SCHEMA_ORG_CONTEXT = {
    "@vocab": "http://schema.org/",
    **{term: {"@id": f"http://schema.org/{term}", "@type": "@id"} for term in ("url", "license", "contentUrl")},
}


def load(root: Path) -> tuple[Site, dict[str, bytes]]:
    package, tables = read_package(root)
    site = model_site(package, tables, Settings(site_url=BASE))
    return site, data_files(site, package, tables)


@pytest.fixture(scope="module")
def built() -> tuple[Site, dict[str, bytes]]:
    return load(VALID)


@pytest.fixture(scope="module")
def real() -> tuple[Site, dict[str, bytes]]:
    return load(ROOT / "datapackage")


def schema_org_graph(node: dict) -> Graph:
    document = dict(node, **{"@context": SCHEMA_ORG_CONTEXT})
    assert node["@context"] == "https://schema.org"
    return Graph().parse(data=json.dumps(document), format="json-ld")


def one(graph: Graph, subject: Node, predicate: URIRef) -> Node:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def published_path(url: Node) -> str:
    """The path under the docs tree that an absolute address of the site points at."""
    assert isinstance(url, URIRef) and str(url).startswith(BASE), url
    return urlsplit(str(url)).path.removeprefix(urlsplit(BASE).path)


# schema.org Dataset ----------------------------------------------------------------------------------


def check_dataset(graph: Graph, subject: URIRef, site: Site, files: dict[str, bytes]) -> None:
    """The fields Google Dataset Search reads, as triples; every download is a file the build wrote."""
    assert (subject, RDF.type, SDO.Dataset) in graph
    assert str(one(graph, subject, SDO.name)) and len(str(one(graph, subject, SDO.description))) >= 50
    assert one(graph, subject, SDO.license) == URIRef(site.descriptor["licenses"][0]["path"])
    assert one(graph, subject, SDO.inLanguage) == Literal("ja")
    assert one(graph, subject, SDO.isAccessibleForFree).toPython() is True
    assert set(graph.objects(subject, SDO.keywords)) >= {Literal(k) for k in site.descriptor["keywords"]}
    publisher = one(graph, subject, SDO.publisher)
    assert (publisher, RDF.type, SDO.GovernmentOrganization) in graph
    assert one(graph, publisher, SDO.name) == Literal(site.descriptor["publisher"]["name"])
    code = one(graph, publisher, SDO.identifier)
    assert one(graph, code, SDO.propertyID) == Literal("全国地方公共団体コード")
    assert one(graph, code, SDO.value) == Literal(site.descriptor["publisher"]["local_government_code"])
    assert not list(graph.objects(subject, SDO.image))  # no card images (issue 17: left out)
    distributions = list(graph.objects(subject, SDO.distribution))
    assert distributions
    for distribution in distributions:
        assert (distribution, RDF.type, SDO.DataDownload) in graph
        assert str(one(graph, distribution, SDO.encodingFormat)) in {"text/csv", "application/json", "application/zip", metadata.XLSX}
        assert published_path(one(graph, distribution, SDO.contentUrl)) in files


def test_data_page_dataset_carries_the_package_fields(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    node = metadata.dataset_jsonld(site)
    graph = schema_org_graph(node)
    subject = URIRef(f"{BASE}data/#dataset")
    check_dataset(graph, subject, site, files)
    assert one(graph, subject, SDO.url) == URIRef(f"{BASE}data/")
    assert str(one(graph, subject, SDO.dateModified)) == site.updated.isoformat()
    years = [o.period for i in site.indicators for o in i.observations] + [i.target_period for i in site.indicators]
    coverage = str(one(graph, subject, SDO.temporalCoverage))
    assert coverage[:4] == str(min(years)) and coverage.split("/")[1][:4] in {str(max(years)), str(max(years) + 1)}
    downloads = {published_path(one(graph, d, SDO.contentUrl)) for d in graph.objects(subject, SDO.distribution)}
    assert {"data/datapackage.zip", "data/datapackage.json", "data/datapackage.xlsx"} <= downloads
    assert {f"data/{Path(r['path']).name}" for r in site.descriptor["resources"]} <= downloads
    parts = set(graph.objects(subject, SDO.hasPart))
    assert parts == {URIRef(f"{BASE}indicators/{i.indicator_id}/#dataset") for i in site.indicators}


def test_indicator_page_dataset_carries_the_indicator_fields(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    for indicator in site.indicators:
        graph = schema_org_graph(metadata.indicator_dataset_jsonld(site, indicator))
        subject = URIRef(f"{BASE}indicators/{indicator.indicator_id}/#dataset")
        check_dataset(graph, subject, site, files)
        assert indicator.name in str(one(graph, subject, SDO.name))
        assert str(one(graph, subject, SDO.dateModified)) == max(o.published for o in indicator.observations).isoformat()
        assert one(graph, subject, SDO.isPartOf) == URIRef(f"{BASE}data/#dataset")
        coverage = str(one(graph, subject, SDO.temporalCoverage))
        first = min(o.period for o in indicator.observations)
        if indicator.period_type == "年度":  # April of the first fiscal year to March after the last
            assert coverage == f"{first}-04/{max(indicator.target_period, indicator.observations[-1].period) + 1}-03"
        else:
            assert coverage == f"{first}/{max(indicator.target_period, indicator.observations[-1].period)}"
        downloads = {published_path(one(graph, d, SDO.contentUrl)) for d in graph.objects(subject, SDO.distribution)}
        assert downloads == {f"data/indicators/{indicator.indicator_id}.csv", f"data/indicators/{indicator.indicator_id}.json"}


def test_real_package_names_the_city_by_its_local_government_code(real: tuple[Site, dict[str, bytes]]) -> None:
    site, files = real
    graph = schema_org_graph(metadata.dataset_jsonld(site))
    check_dataset(graph, URIRef(f"{BASE}data/#dataset"), site, files)
    codes = {str(o) for o in graph.objects(None, SDO.value)}
    assert codes == {site.descriptor["publisher"]["local_government_code"]}


@pytest.mark.plan
def test_shimonoseki_s_local_government_code_is_its_own(real: tuple[Site, dict[str, bytes]]) -> None:
    """352012: 下関市 in the national list of local government codes (全国地方公共団体コード)."""
    site, _ = real
    assert site.descriptor["publisher"]["local_government_code"] == "352012"


def test_jsonld_script_cannot_be_closed_by_the_data(built: tuple[Site, dict[str, bytes]]) -> None:
    site, _ = built
    indicator = copy.copy(site.indicators[0])
    indicator.name = "</script><script>alert(1)</script><!-- & '\""
    node = metadata.indicator_dataset_jsonld(site, indicator)
    text = metadata.jsonld_script(node)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == node


def test_base_url_comes_from_the_caller_not_the_environment(built: tuple[Site, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    site, _ = built
    monkeypatch.setenv("SITE_URL", "https://elsewhere.example/")
    texts = [json.dumps(metadata.dataset_jsonld(site)), json.dumps(metadata.catalog_jsonld(site))]
    texts += [content.decode("utf-8") for content in metadata.metadata_files(site).values()]
    for text in texts:
        assert "elsewhere.example" not in text and BASE in text


# DCAT catalogue --------------------------------------------------------------------------------------


def catalog_graph(files: dict[str, bytes]) -> Graph:
    return Graph().parse(data=files[metadata.CATALOG], format="json-ld")


def test_catalogue_has_the_package_and_one_dataset_per_resource(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    graph = catalog_graph(files)
    catalog = URIRef(BASE + metadata.CATALOG)
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    for predicate in (DCT.title, DCT.description):
        assert one(graph, catalog, predicate).language == "ja"
    datasets = set(graph.objects(catalog, DCAT.dataset))
    expected = {URIRef(f"{BASE}data/#dataset")} | {URIRef(f"{BASE}data/#{r['name']}") for r in site.descriptor["resources"]}
    assert datasets == expected
    publisher = one(graph, catalog, DCT.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert one(graph, publisher, FOAF.name) == Literal(site.descriptor["publisher"]["name"], lang="ja")
    assert one(graph, publisher, DCT.identifier) == Literal(site.descriptor["publisher"]["local_government_code"], datatype=XSD.string)
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        assert one(graph, dataset, DCT.publisher) == publisher
        assert one(graph, dataset, DCT.license) == URIRef(site.descriptor["licenses"][0]["path"])
        assert str(one(graph, dataset, DCT.title)) and one(graph, dataset, DCT.description) is not None
        assert one(graph, dataset, DCT.issued) == Literal(min(o.published for i in site.indicators for o in i.observations))
        assert one(graph, dataset, DCT.modified) == Literal(site.updated)
        assert one(graph, dataset, DCT.modified).datatype == XSD.date


def test_every_distribution_downloads_a_file_of_the_build(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    graph = catalog_graph(files)
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 4 + 2 * len(site.descriptor["resources"])
    for distribution in distributions:
        assert any(graph.subjects(DCAT.distribution, distribution))
        path = published_path(one(graph, distribution, DCAT.downloadURL))
        assert path in files, path
        media = str(one(graph, distribution, DCAT.mediaType))
        assert media.startswith("https://www.iana.org/assignments/media-types/")
        kind = media.removeprefix("https://www.iana.org/assignments/media-types/")
        assert {"text/csv": ".csv", "application/json": ".json", "application/zip": ".zip", metadata.XLSX: ".xlsx"}[kind] == Path(path).suffix
        if kind == "text/csv":
            assert files[path].lstrip(b"\xef\xbb\xbf")[:1].isalpha()  # a header row


def test_resource_datasets_download_their_csv(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    graph = catalog_graph(files)
    for resource in site.descriptor["resources"]:
        dataset = URIRef(f"{BASE}data/#{resource['name']}")
        paths = {published_path(one(graph, d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)}
        name = Path(resource["path"]).name
        assert paths == {f"data/{name}", f"data/excel/{name}"}
        assert files[f"data/{name}"] == (VALID / resource["path"]).read_bytes()


# Per-indicator JSON ----------------------------------------------------------------------------------


def validator(files: dict[str, bytes]) -> jsonschema.protocols.Validator:
    schema = json.loads(files[metadata.INDICATOR_SCHEMA_PATH])
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    assert cls is jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_every_indicator_json_validates_against_the_published_schema(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    check = validator(files)
    for indicator in site.indicators:
        document = json.loads(files[f"data/indicators/{indicator.indicator_id}.json"])
        check.validate(document)
        assert document["$schema"] == BASE + metadata.INDICATOR_SCHEMA_PATH
        assert document["name"] == indicator.name
        assert [(o["period"], o["value"]) for o in document["observations"]] == [(o.period, o.value) for o in indicator.observations]
        assert document["evaluation"]["status"] == indicator.evaluation.status
        assert document["evaluation"]["latest_period"] == indicator.evaluation.latest_period
        assert datetime.date.fromisoformat(document["updated"]) == indicator.updated


def test_the_schema_rejects_what_is_not_an_indicator(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    check = validator(files)
    document = json.loads(files[f"data/indicators/{site.indicators[0].indicator_id}.json"])
    for breaking in (
        lambda d: d["evaluation"].update(status="unknown"),
        lambda d: d["observations"][0].update(period="2014"),
        lambda d: d["observations"][0].update(published="2014/06/01"),
        lambda d: d.pop("target_value"),
        lambda d: d.update(period_type="月"),
    ):
        broken = copy.deepcopy(document)
        breaking(broken)
        with pytest.raises(jsonschema.ValidationError):
            check.validate(broken)


def test_the_schema_is_described_from_the_table_schema(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    schema = json.loads(files[metadata.INDICATOR_SCHEMA_PATH])
    fields = {f["name"]: f for r in site.descriptor["resources"] if r["name"] == "indicators" for f in r["schema"]["fields"]}
    for name in ("name", "unit", "baseline_period", "target_value"):
        assert schema["properties"][name]["description"] == fields[name]["description"]
    assert schema["properties"]["unit"]["enum"] == fields["unit"]["constraints"]["enum"]


def test_metadata_files_are_the_same_bytes_twice(built: tuple[Site, dict[str, bytes]]) -> None:
    site, files = built
    again = metadata.metadata_files(load(VALID)[0])
    assert again == {path: files[path] for path in again}
    assert set(again) == {metadata.CATALOG, metadata.INDICATOR_SCHEMA_PATH} | {
        f"data/indicators/{i.indicator_id}.json" for i in site.indicators}


def test_a_forks_words_name_its_indicators_in_the_metadata() -> None:
    """Another town's plan calls its indicators 数値目標 and its policies 施策の柱 (design §10): the
    Dataset names, the schema's titles and every metadata file say so, never the engine's defaults."""
    site, files = load(ROOT / "tests" / "fixtures" / "other-city")
    assert site.words["indicator"] == "数値目標" and site.words["policy"] == "施策の柱"
    for indicator in site.indicators:
        node = metadata.indicator_dataset_jsonld(site, indicator)
        assert node["name"].endswith(" 数値目標") and "数値目標「" in node["description"]
    schema = json.loads(files[metadata.INDICATOR_SCHEMA_PATH])
    assert schema["title"].startswith("数値目標") and schema["properties"]["policy_title"]["title"].startswith("施策の柱")
    texts = [json.dumps(metadata.dataset_jsonld(site), ensure_ascii=False)]
    texts += [content.decode("utf-8") for content in metadata.metadata_files(site).values()]
    for text in texts:
        assert "成果指標" not in text and "基本方針" not in text
