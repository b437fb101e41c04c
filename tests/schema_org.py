"""schema.org's own SHACL shapes run on the JSON-LD the platform publishes (see
tests/standards/schema_org/README.md for where each file comes from).

`violations(*documents)` reads the documents as a search engine does — `"@context":
"https://schema.org"` is the vendored context that address serves — and lists each
violation as "type.property: message"; an empty list is a pass.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pyshacl import validate
from rdflib import RDF, Graph, Namespace

STANDARD = Path(__file__).resolve().parent / "standards" / "schema_org"
VALIDATION = Namespace("http://schema.org/validation#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = "http://schema.org/"
# What schemarama's base.shacl declares before its shapes; ':' is the release's namespace for
# its shapes, so schemarama's data-type shapes take the place of the release's, as they do in
# schemarama's own packing.
PREFIXES = f"""@prefix : <{VALIDATION}> .
@prefix schema: <{SCHEMA}> .
@prefix sh: <{SH}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@cache
def _context() -> dict[str, Any]:
    return json.loads((STANDARD / "schemaorgcontext.jsonld").read_text())["@context"]


@cache
def _shapes() -> Graph:
    shapes = Graph().parse(STANDARD / "schemaorg-shapes.shacl", format="turtle")
    for path in sorted((STANDARD / "schemarama_datatypes").glob("*.shacl")):
        datatype = Graph().parse(data=PREFIXES + path.read_text(), format="turtle")
        for shape in set(datatype.subjects(RDF.type, SH.NodeShape)):
            shapes.remove((shape, None, None))
        shapes += datatype
    return shapes


@cache
def _hierarchy() -> Graph:
    return Graph().parse(STANDARD / "schemaorg-subclasses.shacl", format="turtle")


def graph(*documents: dict[str, Any]) -> Graph:
    """The documents as one JSON-LD graph: the 200 kB context is read once, not per document."""
    nodes = []
    for document in documents:
        assert document.get("@context") == "https://schema.org", "a page's JSON-LD names schema.org"
        body = {key: value for key, value in document.items() if key != "@context"}
        nodes += body.get("@graph", [body])
    return Graph().parse(data=json.dumps({"@context": _context(), "@graph": nodes}), format="json-ld")


def violations(*documents: dict[str, Any]) -> list[str]:
    data = graph(*documents)
    # SHACL's own class targeting follows rdfs:subClassOf through the hierarchy given as the
    # ontology; full RDFS inference on top adds nothing the shapes look at and triples the time.
    conforms, report, _text = validate(data, shacl_graph=_shapes(), ont_graph=_hierarchy(), inference="none")
    if conforms:
        return []
    found = []
    for result in report.objects(None, SH.result):  # not the details nested in each
        path = report.value(result, SH.resultPath)
        focus = report.value(result, SH.focusNode)
        types = sorted(str(t).removeprefix(SCHEMA) for t in data.objects(focus, RDF.type))
        found.append(
            f"{'/'.join(types) or focus}.{str(path).removeprefix(SCHEMA)}: "
            f"{report.value(result, SH.resultMessage)} ({report.value(result, SH.value)!r})"
        )
    return sorted(found)
