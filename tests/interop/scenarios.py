"""The interop suite's scenarios and how they run, shared by tests/interop/test_foreign_stacks.py
and benchmarks/interop_matrix.py (issue 18).

A scenario is a service (a spec folder, or a package's emitted WSDL) and a list of calls.  Each
call is written twice: as the generated package's Python (keyword arguments and the answer, built
from its ``models``) and in the wire form foreign stacks send (``stacks/__init__.py``).  Two
directions:

- ``OUT``: the generated client calls a foreign *server* started from the WSDL, whose handler
  (the scenario's PHP or JavaScript) answers deterministically; the typed answer must equal the
  call's answer (or the call's fault, typed).
- ``IN``: a foreign *client* loads the generated server's served ``?wsdl`` and makes every call;
  the generated handler answers only when it received exactly the call's Python arguments, and
  the foreign stack's answer must agree with the call's wire answer (``agree.py``).

Where a foreign stack is at fault, the scenario names the call in ``quirks`` with the evidence;
the test then expects that call, and only that call, to fail, so a quirk fixed upstream (or a
mismatch of ours hidden behind one) shows.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import UUID

import httpx
from agree import answer_disagreement, disagreement
from served import Served
from stacks import ForeignServer, wsdl_style
from stacks import gsoap as gsoap_stack
from stacks import mono as mono_stack
from stacks import node as node_stack
from stacks import php as php_stack
from stacks import suds as suds_stack

from generator.config import ProjectSettings
from generator.pipeline import generate

HERE = Path(__file__).resolve().parent
SOAPBUILDERS = HERE / "soapbuilders"
CORPUS = HERE.parents[2] / "shared" / "corpus" / "wsdl"  # ../shared/corpus, where present

OUT = "out"  # the generated client -> a foreign server
IN = "in"  # a foreign client -> the generated server
DIRECTIONS = {OUT: "soapsmith client -> {stack} server", IN: "{stack} client -> soapsmith server"}

SERVERS = {"php": php_stack, "node": node_stack, "gsoap": gsoap_stack, "mono": mono_stack}
CLIENTS = {
    "php": php_stack,
    "node": node_stack,
    "suds": suds_stack,
    "gsoap": gsoap_stack,
    "mono": mono_stack,
}
# stacks that bind at compile time: their client is a program the scenario writes (its calls,
# with their values) in ``programs``, not driven by the calls' wire form
COMPILED = {"gsoap"}
STACK_PROGRAMS = HERE / "stacks"

Models = ModuleType


@dataclass(frozen=True)
class Call:
    label: str  # unique within its scenario; the operation's name unless it is called twice
    operation: str  # as the WSDL names it
    method: str  # the generated client's (and handler's) method
    arguments: Callable[[Models], dict[str, Any]]
    wire: dict[str, Any]
    answer: Callable[[Models], Any]  # what the method returns (None for an answer without parts)
    wire_answer: dict[str, Any]  # the answer's parts as a foreign client reads them
    # a declared fault instead of an answer: the handler raises fault(models); the generated
    # client must raise an exception of that class with the same value, and a foreign client
    # must see a fault whose detail holds wire_fault ({detail element: value})
    fault: Callable[[Models], Exception] | None = None
    wire_fault: dict[str, Any] | None = None
    # SOAP headers a foreign client sends, each {"namespace", "name", "value"} (the generated
    # client sends the same as typed arguments, in ``arguments``)
    wire_headers: tuple[dict[str, Any], ...] = ()
    # the answer as a stack's server writes the same value another way, by stack: Mono writes a
    # null nillable element as xsi:nil, which the generated client reads as NIL, where PHP and
    # node-soap leave the element out (None)
    stack_answers: Mapping[str, Callable[[Models], Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    name: str
    spec: Path  # the spec folder soapsmith generates the package from
    package: str
    calls: tuple[Call, ...]
    # the foreign servers' handlers, by stack; a stack without one is not run as this
    # scenario's server
    handlers: Mapping[str, str] = field(default_factory=dict)
    wsdl: str | None = None  # the WSDL foreign servers load, in spec; None: the emitted one
    soap_version: str = "1.1"
    # the foreign clients that take part (a compiled one only with its program)
    clients: tuple[str, ...] = ("php", "node", "suds", "gsoap", "mono")
    programs: Mapping[str, str] = field(default_factory=dict)  # compiled clients, by stack
    # the WSDL compiled clients are built from, in spec; None: the generated server's ?wsdl
    client_wsdl: str | None = None
    client_class: str = "Client"  # the generated client and handler of the service called
    handler_class: str = "Handler"
    # (stack, direction, call label) -> the foreign stack's fault, with its evidence
    quirks: Mapping[tuple[str, str, str], str] = field(default_factory=dict)

    def runs(self, stack: str, direction: str) -> bool:
        """Whether the stack takes part in this direction of the scenario."""
        if direction == OUT:
            return stack in SERVERS and stack in self.handlers
        return (
            stack in CLIENTS
            and stack in self.clients
            and (stack not in COMPILED or stack in self.programs)
        )

    def expected_failures(self, stack: str, direction: str) -> set[str]:
        return {label for (s, d, label) in self.quirks if (s, d) == (stack, direction)}


@dataclass(frozen=True)
class Verdict:
    label: str
    ok: bool
    why: str = ""


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


# -- generating and importing a scenario's package ------------------------------------------


@contextmanager
def generated(scenario: Scenario, into: Path) -> Iterator[ModuleType]:
    """The scenario's package generated into ``into`` and imported (forgotten afterwards)."""
    project = ProjectSettings(root=into, specs=into / "specs", output=into / "generated")
    spec = project.specs / scenario.package  # the package is named after its folder
    shutil.copytree(scenario.spec, spec)
    generate([spec], project, project.output)
    parent = str(project.output / scenario.package)
    importlib.invalidate_caches()
    sys.path.insert(0, parent)
    try:
        yield importlib.import_module(scenario.package)
    finally:
        sys.path.remove(parent)
        for loaded in [m for m in sys.modules if m.split(".")[0] == scenario.package]:
            del sys.modules[loaded]


def served_wsdl(scenario: Scenario, package: ModuleType) -> Path:
    if scenario.wsdl is not None:
        return scenario.spec / scenario.wsdl
    return Path(package.__file__).parent / "service.wsdl"


# -- the two directions ------------------------------------------------------------------------


def run_out(stack: str, scenario: Scenario, package: ModuleType, folder: Path) -> list[Verdict]:
    """The generated client against the stack's server, every call."""
    server: ForeignServer = SERVERS[stack].serve(
        served_wsdl(scenario, package), scenario.handlers[stack], folder
    )
    models = importlib.import_module(f"{scenario.package}.models")
    verdicts = []
    try:
        client_class = getattr(package, scenario.client_class)
        with client_class(server.url, soap_version=scenario.soap_version) as client:
            for call in scenario.calls:
                verdicts.append(_call_out(client, call, models, package, stack))
    finally:
        server.close()
    return verdicts


def _call_out(client: Any, call: Call, models: Models, package: ModuleType, stack: str) -> Verdict:
    try:
        got = getattr(client, call.method)(**call.arguments(models))
    except package.SoapFault as fault:
        if call.fault is None:
            return Verdict(call.label, False, f"{type(fault).__name__}: {fault}")
        expected = call.fault(models)
        if type(fault) is not type(expected):
            return Verdict(call.label, False, f"{type(fault).__name__}, not {type(expected)}")
        same = getattr(fault, "value", None) == getattr(expected, "value", None)
        return Verdict(call.label, same, "" if same else f"detail {fault.value!r}")
    except Exception as error:  # noqa: BLE001 - any failure is this call's verdict
        return Verdict(call.label, False, f"{type(error).__name__}: {error}")
    if call.fault is not None:
        return Verdict(call.label, False, f"answered {got!r} instead of the fault")
    expected = call.stack_answers.get(stack, call.answer)(models)
    return Verdict(call.label, got == expected, "" if got == expected else f"got {got!r}")


def echo_handler(scenario: Scenario, models: Models, server: ModuleType) -> tuple[Any, list[str]]:
    """A generated handler that answers a call only when it received exactly the call's
    arguments (else raises, a Server fault), and the labels of the calls it answered."""
    answered: list[str] = []

    def method_for(name: str) -> Callable[..., Any]:
        calls = [call for call in scenario.calls if call.method == name]

        def answer(self: Any, **kwargs: Any) -> Any:
            for call in calls:
                if call.arguments(models) == kwargs:
                    answered.append(call.label)
                    if call.fault is not None:
                        raise call.fault(models)
                    return call.answer(models)
            raise ValueError(f"{name} received {kwargs!r}, which no call sends")

        return answer

    methods = {call.method: method_for(call.method) for call in scenario.calls}
    return type("Answers", (getattr(server, scenario.handler_class),), methods)(), answered


def run_in(stack: str, scenario: Scenario, package: ModuleType, folder: Path) -> list[Verdict]:
    """The stack's client against the generated server (from its served ?wsdl), every call."""
    models = importlib.import_module(f"{scenario.package}.models")
    server = importlib.import_module(f"{scenario.package}.server")
    handler, answered = echo_handler(scenario, models, server)
    served = Served(server.make_wsgi_app(handler))
    try:
        # the style of the WSDL the client reads (PHP passes rpc arguments by position)
        style = wsdl_style(httpx.get(served.url + "?wsdl", timeout=30).content)
        jobs = [
            {"operation": call.operation, "arguments": call.wire, "headers": call.wire_headers}
            for call in scenario.calls
        ]
        program = {"program": scenario.programs[stack]} if stack in COMPILED else {}
        wsdl_url = served.url + "?wsdl"
        if stack in COMPILED and scenario.client_wsdl is not None:
            wsdl_url = (scenario.spec / scenario.client_wsdl).as_uri()
        outcomes = CLIENTS[stack].call(
            wsdl_url,
            served.url,
            jobs,
            folder,
            style=style,
            soap_version=scenario.soap_version,
            **program,
        )
    finally:
        served.close()
    verdicts = []
    for call, outcome in zip(scenario.calls, outcomes, strict=True):
        why = _judge_in(call, outcome)
        if why is None and call.label not in answered:
            why = "the handler never received these arguments"
        verdicts.append(Verdict(call.label, why is None, why or ""))
    return verdicts


def _judge_in(call: Call, outcome: dict[str, Any]) -> str | None:
    if "error" in outcome:
        return f"error: {outcome['error']}"
    if call.wire_fault is not None:
        if "fault" not in outcome:
            return f"answered {outcome.get('result')!r} instead of the fault"
        fault = outcome["fault"]
        if (why := _contains(call.wire_fault, fault.get("detail"))) is not None:
            return f"fault {fault.get('string')!r}: {why}"
        return None
    if "fault" in outcome:
        fault = outcome["fault"]
        return f"fault {fault.get('code')}: {fault.get('string')}"
    return answer_disagreement(call.wire_answer, outcome.get("result"))


def _contains(expected: dict[str, Any], detail: Any) -> str | None:
    """The fault's detail holds ``expected`` (``{detail element: its value}``): as it is, or,
    where the stack unwraps the detail element, its value alone.  A fault without a value
    (``{element: None}``) must still name its element."""
    if disagreement(expected, detail) is None:
        return None
    ((name, value),) = expected.items()
    if value is not None and disagreement(value, detail) is None:
        return None
    return f"detail {detail!r} does not hold {expected!r}"


# -- SOAPBuilders round 2 base -----------------------------------------------------------------

UTC = timezone.utc
STRING = "SOAP & <XML> \"quoted\" 'n' grün ✓"
STRINGS = ["red", "grün", "<blue/> & more"]
INTEGERS = [0, -2147483648, 2147483647]
FLOATS = [0.5, -2.75, 1024.0]
STRUCTS = [("first <1>", -7, 0.125), ("zweite", 2147483647, -1024.5)]
BINARY = b"\x00\xff\xfeSOAP\x80\x7f"
DATE = datetime(1999, 12, 31, 23, 59, 58, tzinfo=UTC)
DECIMAL = Decimal("12345678901234567890.123456789")


def gsoap(name: str) -> str:
    """A scenario's gSOAP program (C++, in stacks/gsoap): a server's handler or a client."""
    return (STACK_PROGRAMS / "gsoap" / f"{name}.cpp").read_text("utf-8")


def mono(name: str) -> str:
    """A scenario's .asmx handler (C#, in stacks/mono)."""
    return (STACK_PROGRAMS / "mono" / f"{name}.cs").read_text("utf-8")


def php(name: str) -> str:
    """A scenario's SoapServer handler (PHP, in stacks/php)."""
    return (STACK_PROGRAMS / "php" / f"{name}.php").read_text("utf-8")


def node(name: str) -> str:
    """A scenario's node-soap handler (JavaScript, in stacks/node)."""
    return (STACK_PROGRAMS / "node" / f"{name}.js").read_text("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _struct(models: Models, fields: tuple[str, int, float]) -> Any:
    return models.SOAPStruct(var_string=fields[0], var_int=fields[1], var_float=fields[2])


def _wire_struct(fields: tuple[str, int, float]) -> dict[str, Any]:
    return {"varString": fields[0], "varInt": fields[1], "varFloat": fields[2]}


def _echo(
    operation: str, param: str, python: Callable[[Models], Any], wire: Any, *, label: str = ""
) -> Call:
    return Call(
        label=label or operation,
        operation=operation,
        method=snake(operation),
        arguments=lambda m: {snake(param): python(m)},
        wire={param: wire},
        answer=python,
        wire_answer={"return": wire},
    )


def soapbuilders_calls(*, encoded: bool) -> tuple[Call, ...]:
    """Round 2 base: every echo, with values that exercise its type.  SOAP-encoded arrays are
    classes of their own (``ArrayOfstring(item=[...])``); literal arrays are lists."""

    def array(name: str, items: Callable[[Models], list[Any]]) -> Callable[[Models], Any]:
        return (lambda m: getattr(m, name)(item=items(m))) if encoded else items

    def wire(items: list[Any]) -> Any:
        # an encoded array's items are elements named "item", as the emitted WSDL declares them
        return {"item": items} if encoded else items

    structs = array("ArrayOfSOAPStruct", lambda m: [_struct(m, s) for s in STRUCTS])
    return (
        _echo("echoString", "inputString", lambda m: STRING, STRING),
        _echo(
            "echoStringArray",
            "inputStringArray",
            array("ArrayOfstring", lambda m: STRINGS),
            wire(STRINGS),
        ),
        _echo("echoInteger", "inputInteger", lambda m: -2147483648, -2147483648),
        _echo(
            "echoIntegerArray",
            "inputIntegerArray",
            array("ArrayOfint", lambda m: INTEGERS),
            wire(INTEGERS),
        ),
        _echo("echoFloat", "inputFloat", lambda m: -1234.5, -1234.5),
        _echo(
            "echoFloatArray",
            "inputFloatArray",
            array("ArrayOffloat", lambda m: FLOATS),
            wire(FLOATS),
        ),
        _echo(
            "echoStruct", "inputStruct", lambda m: _struct(m, STRUCTS[0]), _wire_struct(STRUCTS[0])
        ),
        _echo(
            "echoStructArray", "inputStructArray", structs, wire([_wire_struct(s) for s in STRUCTS])
        ),
        Call("echoVoid", "echoVoid", "echo_void", lambda m: {}, {}, lambda m: None, {}),
        _echo("echoBase64", "inputBase64", lambda m: BINARY, {"$base64Binary": _b64(BINARY)}),
        _echo("echoHexBinary", "inputHexBinary", lambda m: BINARY, {"$hexBinary": BINARY.hex()}),
        _echo("echoDate", "inputDate", lambda m: DATE, {"$dateTime": "1999-12-31T23:59:58Z"}),
        _echo("echoDecimal", "inputDecimal", lambda m: DECIMAL, {"$decimal": str(DECIMAL)}),
        _echo("echoBoolean", "inputBoolean", lambda m: False, False),
    )


# The foreign servers' echo handlers.  rpc: the one part comes as the handler's argument and its
# value is the answer; wrapped document/literal: the request wrapper's one child comes back as the
# response wrapper's "return".
PHP_ECHO_RPC = """<?php
function handle(string $operation, array $arguments): mixed
{
    return $arguments[0] ?? null;
}
"""
PHP_ECHO_WRAPPED = """<?php
function handle(string $operation, array $arguments): mixed
{
    $children = get_object_vars($arguments[0] ?? new stdClass());
    return $children === [] ? null : ['return' => reset($children)];
}
"""
# node-soap hands an rpc/encoded server its parts raw (each a {attributes, $value} object);
# dates are JS Dates, which node-soap writes as an empty element unless made strings first
NODE_ECHO = """'use strict';
function plain(value) {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    if ('$value' in value) return value.$value;
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'attributes') out[key] = plain(item);
    }
    return out;
  }
  return value;
}
module.exports = (operation, args) => {
  const values = Object.values(plain(args || {}));
  return values.length === 0 ? {} : {return: values[0]};
};
"""

# Foreign quirks met by the SOAPBuilders scenarios, with their evidence (README: Interoperability)
NODE_DECIMAL = (
    "node-soap reads xsd:decimal into a JS number (a double): 12345678901234567890.123456789 "
    "arrives as 12345678901234567000, as a client and as a server"
)
NODE_RPC_ACCESSORS = (
    "node-soap's server writes rpc part accessors qualified (<tns:return>; WSDL.objectToRpcXML "
    "prefixes every key), where WSDL 1.1 (3.5) and WS-I BP R2735 make them unqualified"
)
NODE_FOREIGN_STRUCT = (
    "node-soap's server writes elements declared in another schema than the response wrapper's "
    "(SOAPStruct's in http://soapinterop.org/xsd; Order's key, inherited from "
    "urn:example:common's Entity) in the wrapper's default namespace"
)
NODE_XSI = (
    "node-soap's server writes xsi:type on a subtype it answers but its envelope never declares "
    "the xsi prefix: the answer is not namespace-well-formed XML"
)
NODE_SOAP12 = (
    "node-soap's server answers with the binding of the first port at the request's path: to a "
    "WSDL whose SOAP 1.1 and 1.2 ports share an address it answers a SOAP 1.2 request with a "
    "SOAP 1.1 envelope (a fault it writes in the request's version)"
)
SOAPBUILDERS_RPC = Scenario(
    name="soapbuilders-rpc",
    spec=SOAPBUILDERS / "rpc_encoded",
    package="interop_rpc",
    calls=soapbuilders_calls(encoded=True),
    handlers={
        "php": PHP_ECHO_RPC,
        "node": NODE_ECHO,
        "gsoap": gsoap("soapbuilders_rpc_server"),
        "mono": mono("soapbuilders_handler"),
    },
    programs={"gsoap": gsoap("soapbuilders_client")},
    wsdl="InteropTest.wsdl",
    quirks={
        **{
            ("node", OUT, call.label): NODE_RPC_ACCESSORS
            for call in soapbuilders_calls(encoded=True)
            if call.wire_answer
        },
        ("node", IN, "echoDecimal"): NODE_DECIMAL,
    },
)
# The same service called as the rpc/encoded WSDL describes it (the served ?wsdl describes it as
# document/literal, which is what the other clients read): a client compiled from the WSDL
# itself sends SOAP-encoded messages, which the generated server must take.
SOAPBUILDERS_RPC_ENCODED = Scenario(
    name="soapbuilders-rpc-encoded-client",
    spec=SOAPBUILDERS / "rpc_encoded",
    package="interop_rpc",  # as its spec.toml names it
    calls=soapbuilders_calls(encoded=True),
    wsdl="InteropTest.wsdl",
    clients=("gsoap",),
    programs={"gsoap": gsoap("soapbuilders_rpc_client")},
    client_wsdl="InteropTest.wsdl",
)
SOAPBUILDERS_DOCLIT = Scenario(
    name="soapbuilders-doclit",
    spec=SOAPBUILDERS / "doc_literal",
    package="interop_doclit",
    calls=soapbuilders_calls(encoded=False),
    handlers={
        "php": PHP_ECHO_WRAPPED,
        "node": NODE_ECHO,
        "gsoap": gsoap("soapbuilders_doclit_server"),
        "mono": mono("soapbuilders_handler"),
    },
    programs={"gsoap": gsoap("soapbuilders_client")},
    wsdl="InteropTestDocLit.wsdl",
    quirks={
        ("node", OUT, "echoStruct"): NODE_FOREIGN_STRUCT,
        ("node", OUT, "echoStructArray"): NODE_FOREIGN_STRUCT,
        ("node", OUT, "echoDecimal"): NODE_DECIMAL,
        ("node", IN, "echoDecimal"): NODE_DECIMAL,
    },
)


# -- Orders (tests/golden/wsdl_doclit): a header, a declared fault, a subtype, an enumeration,
# attributes, simple content with an attribute, a choice, recursion, an absent result ---------

ORDERS_NS = "urn:example:orders"
PLACED = datetime(2024, 2, 29, 12, 30, 45, tzinfo=UTC)
PARENT_PLACED = datetime(2000, 1, 1, tzinfo=UTC)


def _order(models: Models, key: str, *, nil: bool = False) -> Any:
    """The answer; ``nil``: the parent's parent (nillable) is there as xsi:nil, not left out."""
    m = models
    parent = m.Order(
        key="parent",
        placed=PARENT_PLACED,
        total=m.Money(value=Decimal("0.01")),
        state=m.State.NONE,
        line=[m.Line(item_id="C-3", sku="drei", qty=0)],
        voucher="V-9",
        parent=importlib.import_module(models.__package__).NIL if nil else None,
    )
    return m.Order(
        key=key,
        placed=PLACED,
        total=m.Money(value=Decimal("12.50"), currency="EUR"),
        state=m.State.SHIPPED,
        line=[
            m.Line(item_id="A-1", sku="sku <1> & co", qty=2),
            m.Line(item_id="B-2", sku="zwei", qty=-1),
        ],
        card="4111 1111",
        parent=parent,
    )


def _wire_order(key: str) -> dict[str, Any]:
    return {
        "key": key,
        "placed": {"$dateTime": "2024-02-29T12:30:45Z"},
        "total": {"#text": {"$decimal": "12.50"}, "@currency": "EUR"},
        "state": "shipped",
        "line": [
            {"@item-id": "A-1", "sku": "sku <1> & co", "qty": 2},
            {"@item-id": "B-2", "sku": "zwei", "qty": -1},
        ],
        "card": "4111 1111",
        "parent": {
            "key": "parent",
            "placed": {"$dateTime": "2000-01-01T00:00:00Z"},
            "total": {"#text": {"$decimal": "0.01"}},
            "state": "None",
            "line": [{"@item-id": "C-3", "sku": "drei", "qty": 0}],
            "voucher": "V-9",
        },
    }


def _get_order(label: str, id: int, klass: str | None, token: str | None) -> Call:
    key = f"{id}/{klass or '-'}/{token or '-'}"
    arguments: dict[str, Any] = {"id": id} | ({"class": klass} if klass else {})
    headers = (
        ({"namespace": ORDERS_NS, "name": "Auth", "value": {"token": token}},) if token else ()
    )

    def python(m: Models) -> dict[str, Any]:
        return {"id": id, "class_": klass, "auth": m.Auth(token=token) if token else None}

    fault = id == 404
    return Call(
        label=label,
        operation="GetOrder",
        method="get_order",
        arguments=python,
        wire=arguments,
        answer=lambda m: None if id == 0 or fault else _order(m, key),
        wire_answer={} if id == 0 or fault else {"GetOrderResult": _wire_order(key)},
        fault=(
            (lambda m: m.OrderFaultError.of(m.OrderFault(code=404), reason="no such order"))
            if fault
            else None
        ),
        wire_fault={"OrderFault": {"code": 404}} if fault else None,
        wire_headers=headers,
        stack_answers=({} if id == 0 or fault else {"mono": lambda m: _order(m, key, nil=True)}),
    )


ORDERS_CALLS = (
    _get_order("GetOrder", 7, "gold", "t-1"),
    _get_order("GetOrder(no header)", 8, None, None),
    _get_order("GetOrder(no result)", 0, None, "t-0"),
    _get_order("GetOrder(fault)", 404, None, "t-4"),
)

# The same answers from PHP and node-soap.  PHP's SoapServer calls the header's element name
# (Auth) as a method before the operation; node-soap passes headers as the third argument.
PHP_ORDERS = """<?php
$auth = null;

function order(string $key): array
{
    return [
        'key' => $key,
        'placed' => '2024-02-29T12:30:45Z',
        'total' => ['_' => '12.50', 'currency' => 'EUR'],
        'state' => 'shipped',
        'line' => [
            ['item-id' => 'A-1', 'sku' => 'sku <1> & co', 'qty' => 2],
            ['item-id' => 'B-2', 'sku' => 'zwei', 'qty' => -1],
        ],
        'card' => '4111 1111',
        'parent' => [
            'key' => 'parent',
            'placed' => '2000-01-01T00:00:00Z',
            'total' => ['_' => '0.01'],
            'state' => 'None',
            'line' => [['item-id' => 'C-3', 'sku' => 'drei', 'qty' => 0]],
            'voucher' => 'V-9',
        ],
    ];
}

function handle(string $operation, array $arguments): mixed
{
    global $auth;
    if ($operation === 'Auth') {
        $auth = $arguments[0];
        return null;
    }
    $request = $arguments[0];
    if ($request->id == 404) {
        throw new SoapFault('Server', 'no such order', null, ['code' => 404], 'OrderFault');
    }
    if ($request->id == 0) {
        return new stdClass();
    }
    $key = $request->id . '/' . ($request->class ?? '-') . '/' . ($auth->token ?? '-');
    return ['GetOrderResult' => order($key)];
}
"""
NODE_ORDERS = """'use strict';
function order(key) {
  return {
    key,
    placed: '2024-02-29T12:30:45Z',
    total: {attributes: {currency: 'EUR'}, $value: '12.50'},
    state: 'shipped',
    line: [
      {attributes: {'item-id': 'A-1'}, sku: 'sku <1> & co', qty: 2},
      {attributes: {'item-id': 'B-2'}, sku: 'zwei', qty: -1},
    ],
    card: '4111 1111',
    parent: {
      key: 'parent',
      placed: '2000-01-01T00:00:00Z',
      total: {$value: '0.01'},
      state: 'None',
      line: [{attributes: {'item-id': 'C-3'}, sku: 'drei', qty: 0}],
      voucher: 'V-9',
    },
  };
}
module.exports = (operation, args, headers) => {
  const id = Number(args.id);
  const auth = headers.Auth;
  if (id === 404) {
    // node-soap writes a fault's detail as given, not by the WSDL: qualified by hand, with the
    // prefix its envelope declares for the target namespace
    const detail = {'tns:OrderFault': {'tns:code': 404}};
    throw {Fault: {faultcode: 'soap:Server', faultstring: 'no such order', detail}};
  }
  if (id === 0) return {};
  return {GetOrderResult: order(`${id}/${args.class || '-'}/${auth ? auth.token : '-'}`)};
};
"""

GSOAP_MIXED_FAULT = (
    "gSOAP 2.8.124's server made from a WSDL with SOAP 1.1 and 1.2 bindings (wsdl2h imports "
    "soap12.h; soapcpp2 -1 does not change it) keeps soap->version 2 for a SOAP 1.1 request: "
    "its fault comes in a SOAP 1.1 envelope but shaped as SOAP 1.2 (<SOAP-ENV:Code>, <Reason>, "
    "<Detail>, no faultcode/faultstring/detail), so the declared fault's detail is not found"
)
ORDERS = Scenario(
    name="orders",
    spec=HERE.parent / "golden" / "wsdl_doclit" / "spec",
    package="interop_orders",
    calls=ORDERS_CALLS,
    handlers={
        "php": PHP_ORDERS,
        "node": NODE_ORDERS,
        "gsoap": gsoap("orders_server"),
        "mono": mono("orders_handler"),
    },
    programs={"gsoap": gsoap("orders_client")},
    wsdl="Orders.wsdl",
    quirks={
        ("node", OUT, "GetOrder"): NODE_FOREIGN_STRUCT,
        ("node", OUT, "GetOrder(no header)"): NODE_FOREIGN_STRUCT,
        ("gsoap", OUT, "GetOrder(fault)"): GSOAP_MIXED_FAULT,
    },
)
ORDERS_SOAP12 = Scenario(
    name="orders-soap12",
    spec=ORDERS.spec,
    package="interop_orders12",
    calls=ORDERS_CALLS,
    handlers=ORDERS.handlers,
    wsdl="Orders.wsdl",
    soap_version="1.2",
    clients=("php", "node", "gsoap", "mono"),  # suds speaks SOAP 1.1 only
    programs=ORDERS.programs,
    quirks={
        ("node", OUT, "GetOrder"): NODE_SOAP12,
        ("node", OUT, "GetOrder(no header)"): NODE_SOAP12,
        ("node", OUT, "GetOrder(no result)"): NODE_SOAP12,
    },
)


# -- corpus: Apache CXF's rpc/literal greeter and the dneonline .asmx calculator, answered by
# deterministic transformations --------------------------------------------------------------

GREETING = "Ünïcode & <friends>"


def _greeter_calls() -> tuple[Call, ...]:
    def struct(m: Models, one: str, two: str, three: int) -> Any:
        return m.MyComplexStruct(elem1=one, elem2=two, elem3=three)

    return (
        Call("sayHi", "sayHi", "say_hi", lambda m: {}, {}, lambda m: "Bonjour", {"out": "Bonjour"}),
        Call(
            "greetMe",
            "greetMe",
            "greet_me",
            lambda m: {"in_": GREETING},
            {"in": GREETING},
            lambda m: f"Hello {GREETING}",
            {"out": f"Hello {GREETING}"},
        ),
        Call(
            "greetUs",
            "greetUs",
            "greet_us",
            lambda m: {"you": "you", "me": "me"},
            {"you": "you", "me": "me"},
            lambda m: "Hello you and me",
            {"out": "Hello you and me"},
        ),
        Call(
            "sendReceiveData",
            "sendReceiveData",
            "send_receive_data",
            lambda m: {"in_": struct(m, "first", "second", -41)},
            {"in": {"elem1": "first", "elem2": "second", "elem3": -41}},
            lambda m: struct(m, "second", "first", -40),
            {"out": {"elem1": "second", "elem2": "first", "elem3": -40}},
        ),
    )


# rpc: PHP passes the parts as arguments, in order, and takes the one out part as the result
PHP_GREETER = """<?php
function handle(string $operation, array $arguments): mixed
{
    return match ($operation) {
        'sayHi' => 'Bonjour',
        'greetMe' => 'Hello ' . $arguments[0],
        'greetUs' => 'Hello ' . $arguments[0] . ' and ' . $arguments[1],
        'sendReceiveData' => [
            'elem1' => $arguments[0]->elem2,
            'elem2' => $arguments[0]->elem1,
            'elem3' => $arguments[0]->elem3 + 1,
        ],
    };
}
"""
NODE_GREETER = """'use strict';
module.exports = (operation, args) => {
  switch (operation) {
    case 'sayHi': return {out: 'Bonjour'};
    case 'greetMe': return {out: 'Hello ' + args.in};
    case 'greetUs': return {out: 'Hello ' + args.you + ' and ' + args.me};
    case 'sendReceiveData': {
      const given = args.in;
      return {out: {elem1: given.elem2, elem2: given.elem1, elem3: Number(given.elem3) + 1}};
    }
  }
  throw new Error('no operation ' + operation);
};
"""
GREETER = Scenario(
    name="cxf-greeter-rpclit",
    spec=CORPUS / "cxf-hello-world-rpclit",
    package="interop_greeter",
    calls=_greeter_calls(),
    handlers={"php": PHP_GREETER, "node": NODE_GREETER, "gsoap": gsoap("greeter_server")},
    programs={"gsoap": gsoap("greeter_client")},
    wsdl="hello_world_rpc_lit.wsdl",
    client_class="SOAPServiceRPCLitClient",
    handler_class="SOAPServiceRPCLitHandler",
    quirks={("node", OUT, call.label): NODE_RPC_ACCESSORS for call in _greeter_calls()},
)


def _calculation(operation: str, a: int, b: int, answer: int) -> Call:
    return Call(
        operation,
        operation,
        operation.lower(),
        lambda m: {"int_a": a, "int_b": b},
        {"intA": a, "intB": b},
        lambda m: answer,
        {f"{operation}Result": answer},
    )


PHP_CALCULATOR = """<?php
function handle(string $operation, array $arguments): mixed
{
    $a = $arguments[0]->intA;
    $b = $arguments[0]->intB;
    $result = match ($operation) {
        'Add' => $a + $b,
        'Subtract' => $a - $b,
        'Multiply' => $a * $b,
        'Divide' => intdiv($a, $b),
    };
    return [$operation . 'Result' => $result];
}
"""
NODE_CALCULATOR = """'use strict';
module.exports = (operation, args) => {
  const a = Number(args.intA);
  const b = Number(args.intB);
  const results = {Add: a + b, Subtract: a - b, Multiply: a * b, Divide: Math.trunc(a / b)};
  return {[operation + 'Result']: results[operation]};
};
"""
CALCULATOR = Scenario(
    name="dneonline-calculator",
    spec=CORPUS / "dneonline-calculator",
    package="interop_calculator",
    calls=(
        _calculation("Add", 2147483600, 47, 2147483647),
        _calculation("Subtract", -2147483600, 48, -2147483648),
        _calculation("Multiply", -46341, 46340, -2147441940),
        _calculation("Divide", -7, 2, -3),
    ),
    handlers={
        "php": PHP_CALCULATOR,
        "node": NODE_CALCULATOR,
        "gsoap": gsoap("calculator_server"),
        "mono": mono("calculator_handler"),
    },
    programs={"gsoap": gsoap("calculator_client")},
    wsdl="CalculatorService.wsdl",
)


# -- a seed's emitted WSDL: Convio's EndSynchronization (a header, an untyped declared fault,
# nonNegativeInteger, dateTime) ---------------------------------------------------------------

CONVIO_NS = "urn:soap.convio.com"
WINDOW = (datetime(2024, 3, 1, 8, 0, tzinfo=UTC), datetime(2024, 3, 1, 20, 30, 15, tzinfo=UTC))


def _end_synchronization(label: str, partition: int, session: str | None) -> Call:
    headers = (
        ({"namespace": CONVIO_NS, "name": "Session", "value": {"SessionId": session}},)
        if session
        else ()
    )
    fault = session is None
    return Call(
        label=label,
        operation="EndSynchronization",
        method="end_synchronization",
        arguments=lambda m: {
            "partition_id": partition,
            "session": m.Session(session_id=session) if session else None,
        },
        wire={"PartitionId": partition},
        answer=lambda m: (
            None
            if fault
            else m.Result(
                partition_id=partition, start=WINDOW[0], end=WINDOW[1], sync_id=partition * 3
            )
        ),
        wire_answer=(
            {}
            if fault
            else {
                "Result": {
                    "PartitionId": partition,
                    "Start": {"$dateTime": "2024-03-01T08:00:00Z"},
                    "End": {"$dateTime": "2024-03-01T20:30:15Z"},
                    "SyncId": partition * 3,
                }
            }
        ),
        fault=(lambda m: m.SynchronizationFault("Server", "no session")) if fault else None,
        wire_fault={"SynchronizationFault": None} if fault else None,
        wire_headers=headers,
    )


PHP_CONVIO = """<?php
$session = null;

function handle(string $operation, array $arguments): mixed
{
    global $session;
    if ($operation === 'Session') {
        $session = $arguments[0];
        return null;
    }
    if ($session === null) {
        throw new SoapFault('Server', 'no session', null, new stdClass(), 'SynchronizationFault');
    }
    $partition = $arguments[0]->PartitionId;
    return ['Result' => [
        'PartitionId' => $partition,
        'Start' => '2024-03-01T08:00:00Z',
        'End' => '2024-03-01T20:30:15Z',
        'SyncId' => $partition * 3,
    ]];
}
"""
NODE_CONVIO = """'use strict';
module.exports = (operation, args, headers) => {
  if (!headers.Session) {
    const detail = {'tns:SynchronizationFault': {}};
    throw {Fault: {faultcode: 'soap:Server', faultstring: 'no session', detail}};
  }
  const partition = Number(args.PartitionId);
  return {Result: {
    PartitionId: partition,
    Start: '2024-03-01T08:00:00Z',
    End: '2024-03-01T20:30:15Z',
    SyncId: partition * 3,
  }};
};
"""
CONVIO = Scenario(
    name="seed-convio_sync",
    spec=HERE.parents[1] / "specs" / "convio_sync",
    package="interop_convio",
    calls=(
        _end_synchronization("EndSynchronization", 4294967296, "s-1 <&>"),
        _end_synchronization("EndSynchronization(fault)", 7, None),
    ),
    handlers={
        "php": PHP_CONVIO,
        "node": NODE_CONVIO,
        "gsoap": gsoap("convio_server"),
        "mono": mono("convio_handler"),
    },
    programs={"gsoap": gsoap("convio_client")},
)


# -- seed worketc_veetro's emitted WSDL: SetOutlookSyncRecord echoes a Record of 21 optional
# fields (ints at their bounds, strings with XML specials and non-ASCII, dateTimes in four zones,
# a boolean, an enumeration), one with most fields absent, and no record at all --------------

VEETRO_FULL: dict[str, Any] = {
    "ImportSyncRecordID": 2147483647,
    "VeetroID": -2147483648,
    "EntityID_Owner": 0,
    "VeetroType": "Contact",
    "VeetroIDStr": 'V-1 <&> "ü"',
    "Source": "Outlook ✓",
    "SourceID": "AAMkAGI2=/+",
    "SyncIdentifier": "sync/ü/1",
    "SourceType": "IPM.Contact",
    "SourceName": "Jürgen O'Brien & Co <x>",
    "ApplyAction": -1,
    "ApplyValues": "a=1&b=<2>\nc=]]>",
    "RemoteTimeStamp": {"$dateTime": "2024-02-29T23:59:59+05:30"},
    "Delete": True,
    "CurrentStatusId": 2,
    "Retried": 2147483647,
    "LocalTimeStamp": {"$dateTime": "2023-12-31T23:00:00-08:00"},
    "ErrorMsg": "",
    "DateLastModifiedRemoteUtc": {"$dateTime": "2024-03-31T01:00:00Z"},
    "DateLastModifiedLocalUtc": {"$dateTime": "1999-12-31T23:59:58+14:00"},
    "CurrentStatus": "InProgress",
}
VEETRO_SPARSE: dict[str, Any] = {
    "VeetroID": 1,
    "Source": "",
    "Delete": False,
    "CurrentStatus": "NA",
}


def _veetro_record(m: Models, wire: dict[str, Any]) -> Any:
    """The Record a wire-form record means, field by field (the generated names are snake case,
    ``EntityID_Owner`` is ``entity_id_owner``)."""
    fields: dict[str, Any] = {}
    for name, value in wire.items():
        field_name = snake(name.replace("ID_", "Id_").replace("ID", "Id")).replace("__", "_")
        if isinstance(value, dict):
            value = datetime.fromisoformat(value["$dateTime"].replace("Z", "+00:00"))
        elif name == "CurrentStatus":
            value = m.CurrentStatus(value)
        fields[field_name] = value
    return m.Record(**fields)


def _set_outlook_sync_record(label: str, wire: dict[str, Any] | None) -> Call:
    return Call(
        label=label,
        operation="SetOutlookSyncRecord",
        method="set_outlook_sync_record",
        arguments=lambda m: {"record": None if wire is None else _veetro_record(m, wire)},
        wire={} if wire is None else {"Record": wire},
        answer=lambda m: None if wire is None else _veetro_record(m, wire),
        wire_answer={} if wire is None else {"SetOutlookSyncRecordResult": wire},
    )


SUDS_EMPTY = (
    "suds reads an empty element of a built-in type as None, not '': every built-in type counts "
    "as nillable (suds/xsd/sxbase.py, XBuiltin.__init__ sets nillable = True; umx/core.py "
    "returns None for a childless, textless node whose type is nillable), so an xs:string "
    "sent as '' (<ErrorMsg></ErrorMsg>) comes back as absent"
)
VEETRO = Scenario(
    name="seed-worketc_veetro",
    spec=HERE.parents[1] / "specs" / "worketc_veetro",
    package="interop_veetro",
    calls=(
        _set_outlook_sync_record("SetOutlookSyncRecord", VEETRO_FULL),
        _set_outlook_sync_record("SetOutlookSyncRecord(sparse)", VEETRO_SPARSE),
        _set_outlook_sync_record("SetOutlookSyncRecord(no record)", None),
    ),
    handlers={
        "php": php("veetro_handler"),
        "node": node("veetro_handler"),
        "gsoap": gsoap("veetro_server"),
        "mono": mono("veetro_handler"),
    },
    programs={"gsoap": gsoap("veetro_client")},
    quirks={
        ("suds", IN, "SetOutlookSyncRecord"): SUDS_EMPTY,
        ("suds", IN, "SetOutlookSyncRecord(sparse)"): SUDS_EMPTY,
    },
)


# -- seed sanspapier_synchronization's emitted WSDL: SynchronizationAttachment takes nine optional
# parts (a guid, int and long at their bounds, base64Binary, booleans) and answers an
# enumeration.  So that the answer shows what the server read, every handler hashes the values
# it received (canonical text, then the buffer's bytes) and answers HashError unless that is
# the fileHash sent; the other answers follow from fileHash and terminate -------------------

DOCUMENT = b"\x00\xff\xfe<%PDF-1.7>&\x80\x7f\r\n"
DOCUMENT_GUID = UUID("6f9619ff-8b86-d011-b42d-00c04fc964ff")


_ATTACHMENT_PARTS = (
    "token",
    "code",
    "guid",
    "document_id",
    "buffer",
    "offset",
    "terminate",
    "allow_checksum_update",
)


def _attachment_hash(parts: dict[str, Any]) -> str:
    """md5 (hex) of "token|code|guid|documentId|offset|terminate|allowChecksumUpdate|" (an absent
    value as "-", booleans as true/false) and the buffer's bytes, as each handler computes it."""

    def text(value: Any) -> str:
        if value is None:
            return "-"
        return ("true" if value else "false") if isinstance(value, bool) else str(value)

    named = [text(parts.get(name)) + "|" for name in _ATTACHMENT_PARTS if name != "buffer"]
    return hashlib.md5("".join(named).encode("utf-8") + (parts.get("buffer") or b"")).hexdigest()


def _synchronization_attachment(label: str, parts: dict[str, Any], *, hashed: bool) -> Call:
    """``parts``: the Python arguments but file_hash (the right hash, or a wrong one)."""
    arguments = dict(parts)
    if parts:
        arguments["file_hash"] = _attachment_hash(parts) if hashed else "0" * 32
    if "file_hash" not in arguments:
        result = "UnknownError"
    elif not hashed:
        result = "HashError"
    else:
        result = "OK" if parts.get("terminate") else "SychronizationError"
    wire_names = {
        "document_id": "documentId",
        "file_hash": "fileHash",
        "allow_checksum_update": "allowChecksumUpdate",
    }
    wire: dict[str, Any] = {}
    for name, value in arguments.items():
        if isinstance(value, bytes):
            value = {"$base64Binary": _b64(value)}
        elif name == "offset":
            value = {"$long": str(value)}  # beyond a double's 53 bits
        elif isinstance(value, UUID):
            value = str(value)
        wire[wire_names.get(name, name)] = value
    names = [*_ATTACHMENT_PARTS, "file_hash"]
    return Call(
        label=label,
        operation="SynchronizationAttachment",
        method="synchronization_attachment",
        arguments=lambda m: {name: arguments.get(name) for name in names},
        wire=wire,
        answer=lambda m: m.SynchronizationAttachmentResult(result),
        wire_answer={"SynchronizationAttachmentResult": result},
    )


SANSPAPIER_FULL: dict[str, Any] = {
    "token": "tök&<en>",
    "code": "C-1 ✓",
    "guid": DOCUMENT_GUID,
    "document_id": 2147483647,
    "buffer": DOCUMENT,
    "offset": 9223372036854775807,
    "terminate": True,
    "allow_checksum_update": False,
}
NODE_LONG = (
    "node-soap reads xsd:long with parseInt into a JS number (lib/wsdl/index.js, onText: "
    "'int', 'integer', 'short', 'long' -> parseInt): 9223372036854775807 arrives as "
    "9223372036854775808, so the handler's hash of what it read is not the one sent"
)
SANSPAPIER = Scenario(
    name="seed-sanspapier_synchronization",
    spec=HERE.parents[1] / "specs" / "sanspapier_synchronization",
    package="interop_sanspapier",
    calls=(
        _synchronization_attachment("SynchronizationAttachment", SANSPAPIER_FULL, hashed=True),
        _synchronization_attachment(
            "SynchronizationAttachment(lower bounds)",
            {
                "token": "",
                "document_id": -2147483648,
                "buffer": b"",
                "offset": -9223372036854775808,
                "terminate": False,
                "allow_checksum_update": True,
            },
            hashed=True,
        ),
        _synchronization_attachment(
            "SynchronizationAttachment(hash error)", SANSPAPIER_FULL, hashed=False
        ),
        _synchronization_attachment("SynchronizationAttachment(nothing)", {}, hashed=True),
    ),
    handlers={
        "php": php("sanspapier_handler"),
        "node": node("sanspapier_handler"),
        "mono": mono("sanspapier_handler"),
    },
    programs={"gsoap": gsoap("sanspapier_client")},  # a C++ server would need an md5 of its own
    quirks={
        ("node", OUT, "SynchronizationAttachment"): NODE_LONG,
        ("node", OUT, "SynchronizationAttachment(lower bounds)"): NODE_LONG,
    },
)


# -- seed leadertask_sync's emitted WSDL: ProcessContactsFiles takes two arrays of structs and
# three strings and answers them rearranged (string arrays, struct arrays, a struct whose fields
# are unqualified): every handler builds the answer _contacts_result describes ---------------

Verify = tuple[str, int | None]  # an ObjClient_ToVerify: its uid and usn (None: absent)


@dataclass(frozen=True)
class Contacts:
    verify: tuple[Verify, ...] | None = None  # None: the array absent; (): present but empty
    remove: tuple[str, ...] | None = None
    name: str | None = None
    password: str | None = None
    session: str | None = None


def _contacts_arguments(m: Models, c: Contacts) -> dict[str, Any]:
    return {
        "objects_to_verify": (
            None
            if c.verify is None
            else m.ArrayOfObjClientToVerify(
                obj_client_to_verify=[
                    m.ObjClientToVerify(str_uid=uid, usn_entity=usn) for uid, usn in c.verify
                ]
            )
        ),
        "objects_to_remove": (
            None
            if c.remove is None
            else m.ArrayOfObjClientToRemove(
                obj_client_to_remove=[m.ObjClientToRemove(str_uid=uid) for uid in c.remove]
            )
        ),
        "name": c.name,
        "password": c.password,
        "str_uid_session": c.session,
    }


def _contacts_result(m: Models, c: Contacts) -> Any:
    """error_code: how many objects to verify; error_string: the name; the uids to verify and to
    remove as string lists; each one removed as a DeletedObject with the password, each one
    verified as a LionContactFile with the session and its usn as text."""
    verify, remove = c.verify, c.remove
    return m.ProcessContactsFilesResult(
        error_code=len(verify or ()),
        error_string=c.name,
        list_delete_objects=None if remove is None else m.ArrayOfString(string=list(remove)),
        list_send_objects=(
            None if verify is None else m.ArrayOfString(string=[uid for uid, _ in verify])
        ),
        list_process_deleted=(
            None
            if remove is None
            else m.ArrayOfDeletedObject(
                deleted_object=[m.DeletedObject(uid=uid, error_string=c.password) for uid in remove]
            )
        ),
        list_add_objects=(
            None
            if verify is None
            else m.ArrayOfLionContactFile(
                lion_contact_file=[
                    m.LionContactFile(
                        uid=uid,
                        contact_uid=c.session,
                        usn_entity=None if usn is None else str(usn),
                    )
                    for uid, usn in verify
                ]
            )
        ),
    )


def _present(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _contacts_wire(c: Contacts) -> dict[str, Any]:
    return _present(
        objects_to_verify=(
            None
            if c.verify is None
            else {
                "ObjClient_ToVerify": [
                    _present(_str_uid=uid, _usn_entity=usn) for uid, usn in c.verify
                ]
            }
        ),
        objects_to_remove=(
            None
            if c.remove is None
            else {"ObjClient_ToRemove": [{"_str_uid": uid} for uid in c.remove]}
        ),
        name=c.name,
        password=c.password,
        str_uid_session=c.session,
    )


def _contacts_wire_result(c: Contacts) -> dict[str, Any]:
    verify, remove = c.verify, c.remove
    return _present(
        error_code=len(verify or ()),
        error_string=c.name,
        list_delete_objects=None if remove is None else {"string": list(remove)},
        list_send_objects=None if verify is None else {"string": [uid for uid, _ in verify]},
        list_process_deleted=(
            None
            if remove is None
            else {"DeletedObject": [_present(uid=uid, error_string=c.password) for uid in remove]}
        ),
        list_add_objects=(
            None
            if verify is None
            else {
                "LionContactFile": [
                    _present(
                        Uid=uid,
                        ContactUID=c.session,
                        __usn_entity=None if usn is None else str(usn),
                    )
                    for uid, usn in verify
                ]
            }
        ),
    )


def _process_contacts_files(label: str, contacts: Contacts) -> Call:
    return Call(
        label=label,
        operation="ProcessContactsFiles",
        method="process_contacts_files",
        arguments=lambda m: _contacts_arguments(m, contacts),
        wire=_contacts_wire(contacts),
        answer=lambda m: _contacts_result(m, contacts),
        wire_answer={"ProcessContactsFilesResult": _contacts_wire_result(contacts)},
    )


NODE_UNQUALIFIED = (
    "node-soap's server writes local elements declared form=\"unqualified\" (LionContactFile's "
    "Uid, ContactUID, __usn_entity) in the response wrapper's default namespace "
    '(<LionContactFile><Uid>a</Uid>... under xmlns="https://sync.leadertask.net/"), where '
    "they belong to no namespace: a reader by the schema finds none of them"
)
SUDS_UNDERSCORE = (
    "suds takes a name starting with '_' for an attribute (suds/mx/literal.py, Typed.start "
    "looks '_str_uid' up as '@str_uid'): an element so named (ObjClient_ToVerify's _str_uid) "
    "cannot be sent, the call fails with TypeNotFound before anything is written"
)
LEADERTASK = Scenario(
    name="seed-leadertask_sync",
    spec=HERE.parents[1] / "specs" / "leadertask_sync",
    package="interop_leadertask",
    calls=(
        _process_contacts_files(
            "ProcessContactsFiles",
            Contacts(
                verify=(("c-1 <&>", 2147483647), ("контакт-ü", -2147483648), ("c-3", None)),
                remove=("r-1", "удалить ✓"),
                name="Пользователь & <Co>",
                password="p@ss\"'<>&",
                session="s-1",
            ),
        ),
        _process_contacts_files(
            "ProcessContactsFiles(empty lists)", Contacts(verify=(), remove=(), name="")
        ),
        _process_contacts_files("ProcessContactsFiles(nothing)", Contacts()),
    ),
    handlers={
        "php": php("leadertask_handler"),
        "node": node("leadertask_handler"),
        "gsoap": gsoap("leadertask_server"),
        "mono": mono("leadertask_handler"),
    },
    programs={"gsoap": gsoap("leadertask_client")},
    quirks={
        ("node", OUT, "ProcessContactsFiles"): NODE_UNQUALIFIED,
        ("suds", IN, "ProcessContactsFiles"): SUDS_UNDERSCORE,
        ("suds", IN, "ProcessContactsFiles(empty lists)"): SUDS_EMPTY,
    },
)


# -- seed superoffice_erpsync's emitted WSDL (SOAP 1.2 only): ForceResyncExternal with two headers
# (a string element and a struct), an int at its bounds, an array of strings in another
# namespace; the answer nests arrays of structs two deep, one of them empty ------------------

ERPSYNC_NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"


@dataclass(frozen=True)
class Resync:
    connection: int | None = None
    actor: str | None = None
    keys: tuple[str, ...] | None = None
    token: str | None = None  # the ApplicationToken header
    ticket: str | None = None  # the Credentials header's Ticket (None: no such header)


def _plugin_response(m: Models, r: Resync) -> Any:
    """IsOk: whether Credentials came; the token, the actor and the connection id (as text) in
    the explanations and error code; each key an added record numbered from 0, no deleted ones;
    Status the ticket, else "Ok"."""
    changes = None
    if r.keys is not None:
        added = [m.ChangedDataItem(tablename=key, record_id=i) for i, key in enumerate(r.keys)]
        changes = m.ChangedData(
            added_records=m.ArrayOfChangedDataItem(changed_data_item=added),
            deleted_records=m.ArrayOfChangedDataItem(changed_data_item=[]),
        )
    return m.PluginResponse(
        is_ok=r.ticket is not None,
        user_explanation=r.token,
        tech_explanation=r.actor,
        error_code=None if r.connection is None else str(r.connection),
        changes=changes,
        status=r.ticket if r.ticket is not None else "Ok",
    )


def _force_resync_external(label: str, r: Resync) -> Call:
    headers = []
    if r.token is not None:
        headers.append({"namespace": ERPSYNC_NS, "name": "ApplicationToken", "value": r.token})
    if r.ticket is not None:
        headers.append(
            {"namespace": ERPSYNC_NS, "name": "Credentials", "value": {"Ticket": r.ticket}}
        )
    changes = None
    if r.keys is not None:
        added = [{"Tablename": key, "RecordId": i} for i, key in enumerate(r.keys)]
        changes = {
            "AddedRecords": {"ChangedDataItem": added},
            "DeletedRecords": {"ChangedDataItem": []},
        }
    return Call(
        label=label,
        operation="ForceResyncExternal",
        method="force_resync_external",
        arguments=lambda m: {
            "erp_connection_id": r.connection,
            "erp_actor_type": r.actor,
            "external_keys": None if r.keys is None else m.ArrayOfstring(string=list(r.keys)),
            "application_token": r.token,
            "credentials": None if r.ticket is None else m.Credentials(ticket=r.ticket),
        },
        wire=_present(
            ErpConnectionId=r.connection,
            ErpActorType=r.actor,
            ExternalKeys=None if r.keys is None else {"string": list(r.keys)},
        ),
        answer=lambda m: _plugin_response(m, r),
        wire_answer={
            "Response": _present(
                IsOk=r.ticket is not None,
                UserExplanation=r.token,
                TechExplanation=r.actor,
                ErrorCode=None if r.connection is None else str(r.connection),
                Changes=changes,
                Status=r.ticket if r.ticket is not None else "Ok",
            )
        },
        wire_headers=tuple(headers),
    )


ERPSYNC = Scenario(
    name="seed-superoffice_erpsync",
    spec=HERE.parents[1] / "specs" / "superoffice_erpsync",
    package="interop_erpsync",
    calls=(
        _force_resync_external(
            "ForceResyncExternal",
            Resync(
                connection=-2147483648,
                actor="Customer & <Supplier>",
                keys=("k-1", "ключ ✓ <&>", "k-3"),
                token="1234567-1234-9876",
                ticket="7T:1234abcxyz+/ü==",
            ),
        ),
        _force_resync_external(
            "ForceResyncExternal(no headers)", Resync(connection=2147483647, keys=())
        ),
        _force_resync_external("ForceResyncExternal(nothing)", Resync()),
    ),
    handlers={
        "php": php("superoffice_handler"),
        "node": node("superoffice_handler"),
        "gsoap": gsoap("superoffice_server"),
        "mono": mono("superoffice_handler"),
    },
    programs={"gsoap": gsoap("superoffice_client")},
    soap_version="1.2",
    clients=("php", "node", "gsoap", "mono"),  # suds speaks SOAP 1.1 only
)

# -- polymorphism (tests/golden/wsdl_derived_types): an abstract base in the messages, the real
# record named by xsi:type, subtypes two deep, types in three namespaces ----------------------

RELATIONSHIPS = "urn:records:relationships"


def _partner(m: Models) -> Any:
    return m.Partner(
        internal_id="p-1",
        company_name="ACME & Söhne",
        credit_limit=Decimal("1000.50"),
        commission=7,
        tier="gold",
    )


WIRE_PARTNER = {
    "$xsiType": f"{{{RELATIONSHIPS}}}Partner",
    "@internalId": "p-1",
    "companyName": "ACME & Söhne",
    "creditLimit": {"$decimal": "1000.50"},
    "commission": 7,
    "@tier": "gold",
}
WIRE_CONTACT = {
    "$xsiType": f"{{{RELATIONSHIPS}}}Contact",
    "@internalId": "c-1",
    "email": "c-1@example.com",
    "company": {"@internalId": "p-1", "@type": "Partner"},
}

RECORDS_CALLS = (
    # the answer names the record's type as it arrived (its xsi:type)
    Call(
        "add",
        "add",
        "add",
        lambda m: {"record": _partner(m)},
        {"record": WIRE_PARTNER},
        lambda m: m.RecordRef(internal_id="p-1", type="Partner"),
        {"baseRef": {"@internalId": "p-1", "@type": "Partner"}},
    ),
    # a list of the base type holding two subtypes
    Call(
        "get",
        "get",
        "get",
        lambda m: {"base_ref": m.RecordRef(internal_id="c-1", type="Contact")},
        {"baseRef": {"@internalId": "c-1", "@type": "Contact"}},
        lambda m: [
            m.Contact(
                internal_id="c-1",
                email="c-1@example.com",
                company=m.RecordRef(internal_id="p-1", type="Partner"),
            ),
            _partner(m),
        ],
        {"record": [WIRE_CONTACT, WIRE_PARTNER]},
    ),
)

# PHP: a classmap makes each arriving record an object of its xsi:type's class, and SoapVar
# names the type of each record answered
PHP_RECORDS = """<?php
const RELATIONSHIPS = 'urn:records:relationships';
class Customer {}
class Partner extends Customer {}
class Contact {}

function options(): array
{
    $classes = ['Customer', 'Partner', 'Contact'];
    return ['classmap' => array_combine($classes, $classes)];
}

function partner(): SoapVar
{
    $record = ['internalId' => 'p-1', 'companyName' => 'ACME & Söhne', 'creditLimit' => '1000.50',
        'commission' => 7, 'tier' => 'gold'];
    return new SoapVar($record, SOAP_ENC_OBJECT, 'Partner', RELATIONSHIPS);
}

function handle(string $operation, array $arguments): mixed
{
    $request = $arguments[0];
    if ($operation === 'add') {
        return ['baseRef' => ['internalId' => $request->record->internalId,
            'type' => get_class($request->record)]];
    }
    $contact = ['internalId' => $request->baseRef->internalId, 'email' => 'c-1@example.com',
        'company' => ['internalId' => 'p-1', 'type' => 'Partner']];
    $contact = new SoapVar($contact, SOAP_ENC_OBJECT, 'Contact', RELATIONSHIPS);
    return ['record' => [$contact, partner()]];
}
"""
# node-soap: the arriving record keeps its xsi:type in attributes; an answered one names its type
# as attributes.xsi_type = {type, xmlns}
NODE_RECORDS = """'use strict';
const NS = 'urn:records:relationships';
function partner() {
  return {
    attributes: {internalId: 'p-1', tier: 'gold', xsi_type: {type: 'Partner', xmlns: NS}},
    companyName: 'ACME & Söhne',
    creditLimit: '1000.50',
    commission: 7,
  };
}
module.exports = (operation, args) => {
  if (operation === 'add') {
    const attributes = args.record.attributes;
    const type = String(attributes['xsi:type']).split(':').pop();
    return {baseRef: {attributes: {internalId: attributes.internalId, type}}};
  }
  const contact = {
    attributes: {internalId: args.baseRef.attributes.internalId,
      xsi_type: {type: 'Contact', xmlns: NS}},
    email: 'c-1@example.com',
    company: {attributes: {internalId: 'p-1', type: 'Partner'}},
  };
  return {record: [contact, partner()]};
};
"""
RECORDS = Scenario(
    name="records-polymorphism",
    spec=HERE.parent / "golden" / "wsdl_derived_types" / "spec",
    package="interop_records",
    calls=RECORDS_CALLS,
    handlers={"php": PHP_RECORDS, "node": NODE_RECORDS, "mono": mono("records_handler")},
    wsdl="Records.wsdl",
    quirks={("node", OUT, "get"): NODE_XSI},
)

SCENARIOS = (
    SOAPBUILDERS_RPC,
    SOAPBUILDERS_RPC_ENCODED,
    SOAPBUILDERS_DOCLIT,
    ORDERS,
    ORDERS_SOAP12,
    RECORDS,
    GREETER,
    CALCULATOR,
    CONVIO,
    VEETRO,
    SANSPAPIER,
    LEADERTASK,
    ERPSYNC,
)
