"""The corpus tests' own reading of documentation pages, independent of `generator.readers`.

Nothing here imports the generator: this module decides, for any page, seen or unseen,

* whether it holds at least one COMPLETE request envelope (`read_samples`, `holds_request`):
  the page is decoded (UTF-8 / UTF-16), its XML is also read unescaped when the page shows it
  HTML-escaped, every `<p:Envelope ...> ... </p:Envelope>` span is cut out and parsed strictly
  (no recovery, no DTD, no entities, no network), and a request is an envelope whose Body's first
  element child is neither a Fault nor named `*Response`;
* which leaves of those samples print a type (`placeholder_leaves`): an XSD type-name
  placeholder, an `A or B` enumeration or an `xsi:type` naming an XSD builtin, and whether the
  generator's model (`model_data` JSON) gives each one that type (`judge_leaves`).

It also holds the module-level collector of per-page results that `tests/conftest.py` prints as
a table at the end of the run (`COLLECTED`, `summary_lines`).
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

XSD = "http://www.w3.org/2001/XMLSchema"
MS_TYPES = "http://microsoft.com/wsdl/types/"
# Old SOAP toolkits bind xsd/xsi to the 1999 and 2000/10 drafts; they mean the same builtins.
XSD_NAMESPACES = (XSD, "http://www.w3.org/1999/XMLSchema", "http://www.w3.org/2000/10/XMLSchema")
XSI_NAMESPACES = (
    "http://www.w3.org/2001/XMLSchema-instance",
    "http://www.w3.org/1999/XMLSchema-instance",
    "http://www.w3.org/2000/10/XMLSchema-instance",
)

# Type names an .asmx help page prints in place of a value (HELP-PAGES.md), and the type each
# one stands for.  guid and char come from Microsoft's wsdl/types namespace.
PLACEHOLDERS: dict[str, str] = {
    name: f"{{{XSD}}}{name}"
    for name in (
        "string", "int", "long", "short", "byte", "unsignedByte", "unsignedShort", "unsignedInt",
        "unsignedLong", "boolean", "dateTime", "date", "time", "decimal", "double", "float",
        "base64Binary", "hexBinary", "duration", "anyURI", "QName",
    )
}  # fmt: skip
PLACEHOLDERS["guid"] = f"{{{MS_TYPES}}}guid"
PLACEHOLDERS["char"] = f"{{{MS_TYPES}}}char"

# Every XSD builtin an xsi:type may name.
XSD_BUILTINS = frozenset(
    """anyType anySimpleType string normalizedString token language Name NCName NMTOKEN NMTOKENS
    ID IDREF IDREFS ENTITY ENTITIES anyURI QName NOTATION duration gYear gYearMonth gMonth
    gMonthDay gDay boolean int integer long short byte nonNegativeInteger nonPositiveInteger
    positiveInteger negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte decimal
    float double dateTime date time base64Binary hexBinary""".split()
)

_ENUM_MEMBER = re.compile(r"^[A-Za-z_][\w.-]*$")
_PREFIXED_QNAME = re.compile(r"^[A-Za-z_][\w.-]*:QName$")
_ENVELOPE_START = re.compile(r"<(?:([A-Za-z_][\w.-]*):)?Envelope\b")
_ENVELOPE_END = re.compile(r"</(?:([A-Za-z_][\w.-]*):)?Envelope\s*>")
_ESCAPED_ENVELOPE = re.compile(r"&lt;(?:[A-Za-z_][\w.-]*:)?Envelope\b")
_TAG = re.compile(r"<[^<>]*>")


# ------------------------------------------------------------------------------------------
# reading a page
# ------------------------------------------------------------------------------------------
def decode_page(data: bytes) -> str:
    """The page's text: UTF-8 (BOM or not) or UTF-16 (BOM, or NUL bytes betraying it)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    head = data[:512]
    if len(head) >= 2 and head.count(0) * 4 >= len(head):
        even, odd = head[0::2].count(0), head[1::2].count(0)
        return data.decode("utf-16-le" if odd >= even else "utf-16-be", errors="replace")
    return data.decode("utf-8", errors="replace")


def page_texts(text: str) -> list[str]:
    """The page as found and, when it shows XML HTML-escaped, with tags dropped and unescaped.

    Both are read: a page may show one sample raw and another escaped.
    """
    texts = [text]
    if _ESCAPED_ENVELOPE.search(text):
        texts.append(html.unescape(_TAG.sub("", text)))
    return texts


def envelope_spans(text: str) -> Iterator[str]:
    """Each `<p:Envelope ...> ... </p:Envelope>` span that closes before the next one opens."""
    starts = list(_ENVELOPE_START.finditer(text))
    for i, start in enumerate(starts):
        limit = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        for end in _ENVELOPE_END.finditer(text, start.end(), limit):
            if end.group(1) == start.group(1):
                yield text[start.start() : end.end()]
                break


def strict_parse(span: str) -> etree._Element | None:
    """The span as XML, or None if it is not well-formed; never resolves anything external."""
    if "<!DOCTYPE" in span or "<!ENTITY" in span:
        return None
    parser = etree.XMLParser(
        recover=False,
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(span.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local(tag: object) -> str:
    return str(tag).rpartition("}")[2]


def _elements(parent: etree._Element) -> list[etree._Element]:
    return [child for child in parent if isinstance(child.tag, str)]


@dataclass
class Sample:
    """One complete, well-formed envelope of a page."""

    envelope: etree._Element
    body: etree._Element | None  # the Body's first element child
    headers: list[etree._Element]  # Header entries, and elements printed beside Body

    @property
    def kind(self) -> str:
        if self.body is None:
            return "empty"
        name = local(self.body.tag)
        if name == "Fault":
            return "fault"
        return "response" if name.endswith("Response") else "request"


def _sample(root: etree._Element) -> Sample | None:
    if local(root.tag) != "Envelope":
        return None
    namespace = etree.QName(root).namespace
    body_tag = f"{{{namespace}}}Body" if namespace else "Body"
    header_tag = f"{{{namespace}}}Header" if namespace else "Header"
    bodies = [child for child in _elements(root) if child.tag == body_tag]
    if not bodies:
        return None
    content = _elements(bodies[0])
    headers: list[etree._Element] = []
    for child in _elements(root):
        if child.tag == header_tag:
            headers.extend(_elements(child))
        elif child.tag != body_tag:
            headers.append(child)
    return Sample(root, content[0] if content else None, headers)


def read_samples(data: bytes) -> list[Sample]:
    found: list[Sample] = []
    for text in page_texts(decode_page(data)):
        for span in envelope_spans(text):
            root = strict_parse(span)
            sample = _sample(root) if root is not None else None
            if sample is not None:
                found.append(sample)
    return found


def holds_request(samples: list[Sample]) -> bool:
    return any(s.kind == "request" for s in samples)


def describe_samples(samples: list[Sample]) -> str:
    kinds = [s.kind for s in samples]
    if not kinds:
        return "no complete well-formed envelope"
    counts = {k: kinds.count(k) for k in ("request", "response", "fault", "empty") if k in kinds}
    return ", ".join(f"{n} {k}" for k, n in counts.items())


# ------------------------------------------------------------------------------------------
# placeholder leaves
# ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Leaf:
    root: str  # Clark name of the body element or header entry the path starts from
    path: tuple[str, ...]  # local names below root; () when root itself is the leaf
    expected: str  # a type's Clark name, or "enum:" + "|".join(sorted values)
    shown: str  # what the page prints, for messages

    def where(self) -> str:
        return "/".join((local(self.root), *self.path))


def _xsi_type(element: etree._Element) -> str | None:
    for namespace in XSI_NAMESPACES:
        hint = element.get(f"{{{namespace}}}type")
        if hint is not None:
            return hint.strip()
    return None


def leaf_expectation(element: etree._Element) -> tuple[str, str] | None:
    """(expected type, what the page shows) for a leaf that prints a type, else None."""
    hint = _xsi_type(element)
    if hint is not None:
        prefix, _, name = hint.rpartition(":")
        namespace = element.nsmap.get(prefix or None)
        if namespace in XSD_NAMESPACES and name in XSD_BUILTINS:
            return f"{{{XSD}}}{name}", f'xsi:type="{hint}"'
        return None  # a named xsi:type: the page names a type, not a builtin
    text = (element.text or "").strip()
    if text in PLACEHOLDERS:
        return PLACEHOLDERS[text], text
    if _PREFIXED_QNAME.match(text):
        return PLACEHOLDERS["QName"], text
    members = [part.strip() for part in text.split(" or ")]
    if len(members) > 1 and all(_ENUM_MEMBER.match(m) for m in members):
        return "enum:" + "|".join(sorted(set(members))), _short(text)
    return None


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def placeholder_leaves(samples: list[Sample]) -> list[Leaf]:
    """Typed leaves of the samples' body element and header entries, each (root, path) once."""
    leaves: dict[tuple[str, tuple[str, ...], str], Leaf] = {}

    def walk(root: str, element: etree._Element, path: tuple[str, ...]) -> None:
        children = _elements(element)
        if children:
            for child in children:
                walk(root, child, (*path, local(child.tag)))
            return
        found = leaf_expectation(element)
        if found is not None:
            key = (root, path, found[0])
            leaves.setdefault(key, Leaf(root, path, found[0], found[1]))

    for sample in samples:
        if sample.kind not in ("request", "response"):
            continue
        for top in [sample.body, *sample.headers]:
            if top is not None:
                walk(str(top.tag), top, ())
    return list(leaves.values())


def _messages(model: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for service in model["services"]:
        for op in service["operations"]:
            for message in [op["input"], op["output"], *op["headers"], *op["output_headers"]]:
                if message:
                    found.append(message)
    return found


def _types(model: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        (f"{{{t['namespace']}}}{t['name']}" if t["namespace"] else t["name"]): t
        for t in model["types"]
    }


def model_type_of(model: dict[str, Any], leaf: Leaf) -> tuple[list[str], str]:
    """The types the model gives the leaf (by walking its path), or ([], why not)."""
    messages = _messages(model)
    starts = [m["type"] for m in messages if m["element"] == leaf.root]
    if not starts:
        starts = [m["type"] for m in messages if local(m["element"]) == local(leaf.root)]
    if not starts:
        return [], f"no message for <{local(leaf.root)}>"
    types = _types(model)
    found: list[str] = []
    why = ""
    for current in dict.fromkeys(starts):
        for step in leaf.path:
            typedef = types.get(current)
            if typedef is None or typedef["kind"] != "complex":
                why = f"{local(current)} has no element children (at {step})"
                break
            fields = [
                f
                for f in typedef["fields"]
                if f["name"] == step and not f["attribute"] and not f.get("text")
            ]
            if not fields:
                why = f"{typedef['name']} has no field {step}"
                break
            current = fields[0]["type"]
        else:
            typedef = types.get(current)
            if typedef is not None and typedef["kind"] == "complex":
                text = [f for f in typedef["fields"] if f.get("text")]
                current = text[0]["type"] if text else current
            found.append(current)
    return found, why


def describe_type(model: dict[str, Any], clark: str) -> str:
    typedef = _types(model).get(clark)
    if typedef is not None and typedef["kind"] == "enum":
        return "enum:" + "|".join(sorted(set(typedef["values"])))
    return clark


def show_type(described: str) -> str:
    """`xs:int`, `ms:guid`, `enum A or B`, or a named type's local name."""
    if described.startswith("enum:"):
        return "enum " + _short(described[5:].replace("|", " or "))
    namespace, _, name = described[1:].partition("}") if described.startswith("{") else ("", "", "")
    prefix = {XSD: "xs:", MS_TYPES: "ms:"}.get(namespace)
    return prefix + name if prefix else local(described)


def judge_leaves(model: dict[str, Any] | None, leaves: list[Leaf]) -> tuple[int, list[str]]:
    """(number typed right, one message per leaf typed wrong or missing from the model)."""
    if model is None:
        return 0, [f"{leaf.where()}: no model" for leaf in leaves]
    right = 0
    misses: list[str] = []
    for leaf in leaves:
        got, why = model_type_of(model, leaf)
        described = [describe_type(model, g) for g in got]
        if leaf.expected in described:
            right += 1
        elif described:
            shown = ", ".join(sorted({show_type(d) for d in described}))
            misses.append(
                f"{leaf.where()}: page shows `{leaf.shown}` ({show_type(leaf.expected)}), "
                f"model has {shown}"
            )
        else:
            misses.append(f"{leaf.where()}: page shows `{leaf.shown}`, {why}")
    return right, misses


# ------------------------------------------------------------------------------------------
# per-page results and the end-of-run table
# ------------------------------------------------------------------------------------------
@dataclass
class PageResult:
    rel: str  # path below the corpus folder: the test id
    family: str
    oracle: bool  # the page holds at least one complete request envelope
    oracle_note: str
    outcome: str = "not run"  # ok | spec_error | soapsmith_error | crash | hang | died
    error: str = ""
    seconds: float = 0.0
    outside: list[str] = field(default_factory=list)  # reads outside the page's own folder
    package: str = ""
    warnings: int = 0
    mypy: list[str] = field(default_factory=list)
    import_error: str = ""
    zeep_error: str = ""
    mock_error: str = ""  # the client against the mock, and zeep reading the mock's answers
    xmlschema_errors: list[str] = field(default_factory=list)
    leaves_total: int = 0
    leaves_right: int = 0
    leaf_misses: list[str] = field(default_factory=list)
    not_black: list[str] = field(default_factory=list)  # generated definitions black would change

    def safety_problems(self) -> list[str]:
        """Crash, hang, or reading outside the page's folder: never allowed on any page."""
        problems = []
        if self.outcome in ("crash", "hang", "died"):
            problems.append(f"{self.outcome}: {self.error}")
        if self.outside:
            problems.append("reached outside its own folder: " + ", ".join(self.outside[:5]))
        return problems

    def end_to_end_problems(self) -> list[str]:
        if not self.oracle:
            if self.outcome == "spec_error":
                return []
            if self.outcome == "ok":
                return [
                    "generated a package, but the page holds no complete request envelope "
                    f"({self.oracle_note}); expected a SpecError"
                ]
            return [f"expected a SpecError, got {self.outcome}: {self.error}"]
        if self.outcome != "ok":
            return [f"generation failed ({self.outcome}): {self.error}"]
        problems = []
        if self.mypy:
            problems.append(f"mypy --strict: {len(self.mypy)} error(s): " + self.mypy[0])
        if self.import_error:
            problems.append(f"import: {self.import_error}")
        if self.zeep_error:
            problems.append(f"zeep.Client: {self.zeep_error}")
        if self.mock_error:
            problems.append(f"mock: {self.mock_error}")
        if self.xmlschema_errors:
            problems.append("xmlschema Wsdl11Document: " + "; ".join(self.xmlschema_errors[:3]))
        return problems

    @property
    def passed(self) -> bool:
        return self.oracle and not self.end_to_end_problems() and not self.safety_problems()


@dataclass
class Totals:
    pages: int = 0
    complete: int = 0
    passed: int = 0
    leaves_right: int = 0
    leaves_total: int = 0
    warnings: int = 0
    unsafe: int = 0

    def add(self, r: PageResult) -> None:
        self.pages += 1
        self.complete += r.oracle
        self.passed += r.passed
        self.leaves_right += r.leaves_right
        self.leaves_total += r.leaves_total
        self.warnings += r.warnings
        self.unsafe += bool(r.safety_problems())


def totals(results: list[PageResult]) -> tuple[dict[str, Totals], Totals]:
    families: dict[str, Totals] = {}
    overall = Totals()
    for r in results:
        families.setdefault(r.family, Totals()).add(r)
        overall.add(r)
    return dict(sorted(families.items())), overall


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


# Filled by tests/corpus/test_corpus_pages.py, printed by tests/conftest.py
# (pytest_terminal_summary).
COLLECTED: list[PageResult] = []
META: dict[str, Any] = {}
TARGET_PASS = 0.95
TARGET_LEAVES = 0.98


def summary_lines() -> list[str]:
    if not COLLECTED:
        return []
    families, overall = totals(COLLECTED)
    head = ("family", "pages", "complete", "passed e2e", "leaves right/total", "warnings", "unsafe")
    rows = [
        (
            name,
            str(t.pages),
            str(t.complete),
            f"{t.passed}/{t.complete}",
            f"{t.leaves_right}/{t.leaves_total}",
            str(t.warnings),
            str(t.unsafe),
        )
        for name, t in [*families.items(), ("TOTAL", overall)]
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]

    def line(row: tuple[str, ...]) -> str:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(cells)

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows[:-1]]
    out += ["  ".join("-" * w for w in widths), line(rows[-1]), ""]
    out.append(
        f"end to end: {overall.passed}/{overall.complete} oracle-complete pages pass "
        f"({percent(overall.passed, overall.complete)}; target >= {TARGET_PASS:.0%})"
    )
    out.append(
        f"placeholder leaves typed right: {overall.leaves_right}/{overall.leaves_total} "
        f"({percent(overall.leaves_right, overall.leaves_total)}; target >= {TARGET_LEAVES:.0%})"
    )
    out.append(f"crashes, hangs or reads outside the page folder: {overall.unsafe} (target 0)")
    if META:
        slowest = max(COLLECTED, key=lambda r: r.seconds)
        out.append(
            "time: {total:.1f} s (generation {generate:.1f} s, mypy {mypy:.1f} s, "
            "import/zeep/xmlschema {load:.1f} s)".format(**META)
            + f"; slowest page {slowest.seconds:.1f} s ({slowest.rel})"
        )
    failing = [r for r in COLLECTED if r.safety_problems() or r.end_to_end_problems()]
    if failing:
        out += ["", "failing pages:"]
        for r in failing:
            problems = r.safety_problems() + r.end_to_end_problems()
            out.append(f"  {r.rel}: {_short(problems[0].splitlines()[0], 160)}")
    misses = [(r.rel, m) for r in COLLECTED for m in r.leaf_misses if r.outcome == "ok"]
    if misses:
        out += ["", "placeholder leaves typed wrong:"]
        out += [f"  {rel}: {_short(m, 160)}" for rel, m in misses]
    return out
