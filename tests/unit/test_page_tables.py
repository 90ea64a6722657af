"""Parameter tables, blocks, bullet lists and labels of documentation pages (readers/tables).

Every page snippet here is written for these tests in the style of a family of pages; none is
copied from the corpus.  The last tests read every corpus page when the corpus is present.
"""

from __future__ import annotations

import random

import pytest
from repo import SHARED

from generator.model import MS_TYPES, QName, xs
from generator.readers import page_text
from generator.readers.tables import (
    REQUEST,
    RESPONSE,
    PageTables,
    heading_side,
    parse_type,
    read_tables,
    table_type,
)
from generator.readers.type_builder import Table

CORPUS = SHARED / "corpus" / "docs"


def _types(table: Table) -> dict[str, str | None]:
    return {name: (entry.type.name if entry.type else None) for name, entry in table.items()}


def _required(table: Table) -> dict[str, bool | None]:
    return {name: entry.required for name, entry in table.items()}


# -- type cells ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected", "is_list"),
    [
        ("string", "string", False),
        ("**long**", "long", False),
        ("`int`", "int", False),
        ("*boolean*", "boolean", False),
        ("[decimal](decimal.md)", "decimal", False),
        ('<a href="types.html#dt">dateTime</a>', "dateTime", False),
        ("xsd:int", "int", False),
        ("xs:unsignedShort", "unsignedShort", False),
        ("s:string", "string", False),
        ("xsd:integer", "integer", False),  # an XSD name stays the XSD type
        ("nonNegativeInteger", "nonNegativeInteger", False),
        ("String(40)", "string", False),
        ("Double(12,4)", "double", False),
        ("Integer(3)", "int", False),  # a documentation "Integer" is a 32-bit int
        ("Long(10)", "long", False),
        ("Decimal(10, 2)", "decimal", False),
        ("varchar(max)", "string", False),
        ("Char(2)", "string", False),
        ("Int16", "short", False),
        ("Int32", "int", False),
        ("Int64", "long", False),
        ("UInt32", "unsignedInt", False),
        ("Byte", "unsignedByte", False),
        ("Single", "float", False),
        ("Float", "float", False),
        ("Bool", "boolean", False),
        ("Boolean", "boolean", False),
        ("DateTime", "dateTime", False),
        ("Date", "date", False),
        ("TimeSpan", "duration", False),
        ("System.Int64", "long", False),
        ("java.lang.String", "string", False),
        ("int?", "int", False),
        ("Nullable<decimal>", "decimal", False),
        ("byte[]", "base64Binary", False),
        ("Byte[]", "base64Binary", False),
        ("string (max 30 chars)", "string", False),
        ("List<string>", "string", True),
        ("IList<Int32>", "int", True),
        ("IEnumerable<long>", "long", True),
        ("int[]", "int", True),
        ("string array", "string", True),
        ("Array of integers", "int", True),
        ("ArrayOfString", "string", True),
        ("ArrayOfInt", "int", True),
        ("List", None, True),
        ("Liste", None, True),
        ("Dizi", None, True),
        ("数组", None, True),
        ("字符串", "string", False),
        ("整数", "int", False),
        ("строка", "string", False),
        ("文字列", "string", False),
        ("Cadena", "string", False),
        ("Booleano", "boolean", False),
    ],
)
def test_type_cells(cell: str, expected: str | None, is_list: bool) -> None:
    found = parse_type(cell)
    assert (found.type.name if found.type else None) == expected
    assert found.is_list is is_list


def test_guid_and_char_are_microsoft_types() -> None:
    assert table_type("Guid") == QName(MS_TYPES, "guid")
    assert table_type("uuid") == QName(MS_TYPES, "guid")
    assert table_type("char") == QName(MS_TYPES, "char")


def test_named_types_give_no_leaf_but_may_give_list_ness() -> None:
    role = parse_type("[ShipmentLine](shipmentline.md) array")
    assert (role.type, role.is_list, role.type_name) == (None, True, "ShipmentLine")
    owner = parse_type("[Owner](owner.md)")
    assert (owner.type, owner.is_list, owner.type_name) == (None, False, "Owner")
    assert parse_type("ArrayOfShipment").type_name == "Shipment"
    assert parse_type("tns:Shipment").type_name == "Shipment"
    mapping = parse_type("Dictionary<string, string>")
    assert mapping.type is None and mapping.is_object and not mapping.is_list


@pytest.mark.parametrize("cell", ["", "   ", "see below", "```xml", "a | b", "x = 1", "—", "*"])
def test_cells_that_name_no_builtin(cell: str) -> None:
    assert table_type(cell) is None


# -- pipe tables --------------------------------------------------------------------------


def test_markdown_table_with_request_and_response_headings() -> None:
    tables = read_tables(
        "# LookupParcel\n\n## Request\n\n"
        "| Name | Type | Required | Description |\n|---|---|---|---|\n"
        "| `parcelCode` | **string** | Yes | The code printed on the label |\n"
        "| Weight | [decimal](types.md#decimal) | No | Kilograms |\n"
        "| Tags | string[] | No | Free labels |\n\n"
        "## Response\n\n"
        "| Name | Type | Description |\n|---|---|---|\n"
        "| Delivered | xsd:boolean | Whether it arrived |\n"
    )
    assert _types(tables.request) == {"parcelCode": "string", "Weight": "decimal", "Tags": "string"}
    assert _required(tables.request) == {"parcelCode": True, "Weight": False, "Tags": False}
    assert tables.request_lists == {"Tags"}
    assert _types(tables.response) == {"Delivered": "boolean"}
    assert tables.response["Delivered"].required is None
    assert tables.request["parcelCode"].line == 7  # the row's line, 1-based


def test_servicestack_tables_without_headings_split_request_and_response() -> None:
    tables = read_tables(
        "Name | Parameter | Data Type | Required | Description |\n"
        "---|---|---|---|---|\n"
        "Since | query | DateTime | No | |\n"
        "Take | query | int | Yes | |\n"
        "Name | Parameter | Data Type | Required | Description |\n"
        "---|---|---|---|---|\n"
        "Total | form | long | No | |\n"
        "Take | form | string | No | |\n"
        "ResponseStatus | form | ResponseStatus | No |\n"
    )
    assert _types(tables.request)["Since"] == "dateTime"
    assert tables.request["Take"].type == xs("int")  # the first table is the request's
    assert tables.request["Take"].required is True
    assert tables.response["Take"].type == xs("string")  # the later one the response's
    assert "Name" not in tables.request  # a header row is never a parameter
    assert tables.response["ResponseStatus"].type is None


def test_turkish_table_with_lengths_and_evet_hayir() -> None:
    tables = read_tables(
        "### Servis Parametreleri\n\n"
        "| İsim | Tipi | Açıklama | Zorunlu Mu? |\n| --- | --- | --- | --- |\n"
        "| **MusteriKodu** | String(12) | Müşteri kodu | Evet |\n"
        "| **Agirlik** | Double(7,2) | Kilogram | Hayır |\n"
        "| **KoliAdedi** | Integer(3) | Koli sayısı | Hayır (detay varsa zorunlu) |\n"
        "| **Koliler** | List | Koli listesi | Hayır |\n"
    )
    assert _types(tables.request) == {
        "MusteriKodu": "string",
        "Agirlik": "double",
        "KoliAdedi": "int",
        "Koliler": None,
    }
    assert _required(tables.request) == {
        "MusteriKodu": True,
        "Agirlik": False,
        "KoliAdedi": False,
        "Koliler": False,
    }
    assert tables.request_lists == {"Koliler"}
    assert tables.response == {}  # "Parametreleri": the input parameters


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [
        ("| Name | Type | Required |", "Yes", "No"),
        ("| Name | Typ | Pflicht |", "Ja", "Nein"),
        ("| Nom | Type | Obligatoire |", "Oui", "Non"),
        ("| Nombre | Tipo | Requerido |", "Sí", "No"),
        ("| Nome | Tipo | Obrigatório |", "Sim", "Não"),
        ("| İsim | Tipi | Zorunlu Mu? |", "Evet", "Hayır"),
        ("| Имя | Тип | Обязательный |", "Да", "Нет"),
        ("| 参数名 | 类型 | 是否必填 |", "是", "否"),
        ("| パラメータ名 | データ型 | 必須 |", "はい", "いいえ"),
        ("| Field | Data Type | Mandatory |", "true", "false"),
        ("| Parameter | Type | Required? |", "✓", ""),
        ("| Element | Type | Use |", "Required", "Optional"),
    ],
)
def test_header_words_and_answers_in_several_languages(header: str, yes: str, no: str) -> None:
    tables = read_tables(
        f"{header}\n|---|---|---|\n| alpha | int | {yes} |\n| beta | string | {no} |\n"
    )
    assert _types(tables.request) == {"alpha": "int", "beta": "string"}
    assert tables.request["alpha"].required is True
    assert tables.request["beta"].required is (None if no == "" else False)


def test_columns_found_by_content_when_headers_are_unknown() -> None:
    tables = read_tables(
        "| Veld | Soort | Verplicht | Toelichting |\n|---|---|---|---|\n"
        "| klantNummer | Int32 | yes | het nummer van de klant |\n"
        "| naam | String | no | volledige naam |\n"
        "| geboren | DateTime | no | geboortedatum |\n"
    )
    assert _types(tables.request) == {"klantNummer": "int", "naam": "string", "geboren": "dateTime"}
    assert _required(tables.request) == {"klantNummer": True, "naam": False, "geboren": False}


def test_headerless_table_is_read_by_content() -> None:
    tables = read_tables("| orderId | long | the order |\n| note | string | free text |\n")
    assert _types(tables.request) == {"orderId": "long", "note": "string"}


def test_optional_header_inverts_yes_and_occurrences_give_list_ness() -> None:
    tables = read_tables(
        "| Name | Type | Optional |\n|---|---|---|\n| a | int | Yes |\n| b | int | No |\n\n"
        "| Element | Type | Occurrences |\n|---|---|---|\n"
        "| c | string | 0..1 |\n| d | string | 1 |\n| e | string | 0..n |\n| f | string | 1..* |\n"
    )
    assert _required(tables.request) == {
        "a": False,
        "b": True,
        "c": False,
        "d": True,
        "e": False,
        "f": True,
    }
    assert tables.request_lists == {"e", "f"}


def test_table_of_paths_gives_owners() -> None:
    tables = read_tables(
        "Element | Description | Occurrences |\n---|---|---|\n"
        "Envelope/Header/Ticket | Session ticket | 1 |\n"
        "Envelope/Header/Ticket/@issued | When it was issued | 0..1 |\n"
    )
    assert _required(tables.request) == {"Ticket": True, "issued": False}
    assert [p.owner for p in tables.params] == ["Header", "Ticket"]
    assert tables.owned("Ticket")["issued"].required is False


def test_microsoft_reference_table_with_anchors_and_links() -> None:
    tables = read_tables(
        '## <a name="request"></a>Request Elements\n\n'
        "|Element|Description|Data Type|\n|-----|-----|-----|\n"
        '|<a name="accountid"></a>AccountId|The account to read.<br/><br/>Required.|**long**|\n\n'
        '## <a name="response"></a>Response Elements\n\n'
        "|Element|Description|Data Type|\n|-----|-----|-----|\n"
        "|Budgets|The budgets found.|[Budget](budget.md) array|\n"
        "|Owner|Who owns them.|[Person](person.md)|\n"
    )
    assert _types(tables.request) == {"AccountId": "long"}
    assert _types(tables.response) == {"Budgets": None, "Owner": None}
    assert tables.response_lists == {"Budgets"}
    assert tables.lists(RESPONSE) == {"Budgets"} and tables.lists(REQUEST) == set()
    budgets = next(p for p in tables.params if p.name == "Budgets")
    assert budgets.type_name == "Budget" and budgets.doc == "The budgets found."
    assert tables.response["Budgets"].doc == ""  # table descriptions stay in `params` for now


def test_heading_names_the_owner_of_a_nested_table() -> None:
    tables = read_tables(
        "## Parametreler\n\n| İsim | Tipi |\n|---|---|\n| Weight | Double(5,2) |\n\n"
        "### BoxLine Nesnesi\n\n| İsim | Tipi |\n|---|---|\n| Weight | String(6) |\n"
    )
    assert tables.request["Weight"].type == xs("double")  # the unnested table comes first
    assert tables.owned("BoxLine")["Weight"].type == xs("string")


def test_tab_separated_table() -> None:
    tables = read_tables("Name\tType\tRequired\nstoreId\tint\tYes\nlabel\tstring\tNo\n")
    assert _types(tables.request) == {"storeId": "int", "label": "string"}
    assert _required(tables.request) == {"storeId": True, "label": False}


def test_servicestack_metadata_headings_and_tab_separated_tables() -> None:
    tables = read_tables(
        "RenewLease Parameters:\n"
        "NAME\tPARAMETER\tDATA TYPE\tREQUIRED\tDESCRIPTION\n"
        "LeaseId\tbody\tGuid\tYes\t\n"
        "Days\tbody\tint\tNo\t\n"
        "RenewLeaseResponse Parameters:\n"
        "NAME\tPARAMETER\tDATA TYPE\tREQUIRED\tDESCRIPTION\n"
        "Until\tform\tDateTime\tNo\t\n"
    )
    assert _types(tables.request) == {"LeaseId": "guid", "Days": "int"}
    assert _types(tables.response) == {"Until": "dateTime"}


def test_confluence_and_restructuredtext_tables() -> None:
    confluence = read_tables("||Name||Type||Required||\n|zone|string|yes|\n|limit|int|no|\n")
    assert _required(confluence.request) == {"zone": True, "limit": False}
    grid = read_tables(
        "+--------+--------+----------+\n"
        "| Name   | Type   | Required |\n"
        "+========+========+==========+\n"
        "| areaId | Int32  | Yes      |\n"
        "+--------+--------+----------+\n"
        "| label  | String | No       |\n"
        "+--------+--------+----------+\n"
    )
    assert _types(grid.request) == {"areaId": "int", "label": "string"}
    assert _required(grid.request) == {"areaId": True, "label": False}


def test_definition_lines_need_a_type_right_after_the_name() -> None:
    tables = read_tables(
        "**AccountRef** (long): the account\n"
        "regionCode (string, required) - the region\n"
        "Content-Type: text/xml; charset=utf-8\n"
        "Usage (see below): prose\n"
        "Note: this costs a lot (decimal)\n"
    )
    assert _types(tables.request) == {"AccountRef": "long", "regionCode": "string"}
    assert _required(tables.request) == {"AccountRef": None, "regionCode": True}


def test_tables_in_code_fences_are_code() -> None:
    tables = read_tables("```\n| Name | Type |\n|---|---|\n| x | int |\n```\n")
    assert tables.request == {} and tables.params == []


def test_result_code_tables_are_not_parameters() -> None:
    tables = read_tables(
        "| Kod | Açıklama |\n| --- | --- |\n| **0** | Başarılı |\n| **936** | Hata oluştu |\n"
    )
    assert tables.params == []


# -- parameter blocks ---------------------------------------------------------------------


def test_convio_blocks() -> None:
    tables = read_tables(
        "Request Parameters\n\n"
        "GroupId\nnonNegativeInteger\nA value is required\nThe group to read\n"
        "Columns\nstring\nA value is required\nMultiple values allowed\nNames of the columns\n"
        "Since\ndateTime\nOnly rows changed after this, as seen by the response\n\n"
        "Response Parameters\n\n"
        "Row\nRow\nMultiple values allowed\nOne row of the group\n"
        "Count\nint\nHow many rows\n"
    )
    assert _types(tables.request) == {
        "GroupId": "nonNegativeInteger",
        "Columns": "string",
        "Since": "dateTime",
    }
    assert _required(tables.request) == {"GroupId": True, "Columns": True, "Since": None}
    assert tables.request_lists == {"Columns"}
    # a description that mentions the response does not move the parameters after it
    assert tables.request["Since"].doc.startswith("Only rows changed")
    assert _types(tables.response) == {"Row": None, "Count": "int"}
    assert tables.response_lists == {"Row"}
    assert tables.response["Count"].doc == "How many rows"


def test_blackbaud_sentence_blocks() -> None:
    tables = read_tables(
        "Request Parameters\n\n"
        "ListId\n\nType positiveInteger.\n\nThe list to page through.\n\nA value is required.\n\n"
        "Labels\n\nType string.\n\nLabels to match.\n\nMultiple values allowed.\n\n"
        "Response Parameters\n\n"
        "Entry\n\nEntry\n\nOne entry of the list.\n\nMultiple values allowed.\n"
    )
    assert _types(tables.request) == {"ListId": "positiveInteger", "Labels": "string"}
    assert _required(tables.request) == {"ListId": True, "Labels": None}
    assert tables.request["ListId"].doc == "The list to page through."
    assert tables.request_lists == {"Labels"}
    assert tables.response_lists == {"Entry"} and tables.response["Entry"].type is None


def test_labels_are_not_blocks() -> None:
    tables = read_tables("Parameter Value\nStoreID:\nName:\n\nSOAP 1.1\n")
    assert tables.params == []


# -- bullet lists and labelled lines ------------------------------------------------------


def test_bullet_list_with_trailing_types_and_nesting() -> None:
    tables = read_tables(
        "### Request\n\n#### Parameters\n\n"
        "* `storeId` - ID of the store *(integer)*\n"
        "* `token` - session token *(string)*\n"
        "* `basket` - *(object)*\n"
        "\t* `Sku` - *(string)*\n"
        "\t* `Quantity` - *(integer)*\n"
        "* `notify` - *(boolean)*\n\n"
        "### Response\n\n"
        "* `Basket_SaveResult` - *(boolean)*\n"
    )
    assert _types(tables.request) == {
        "storeId": "int",
        "token": "string",
        "basket": None,
        "Sku": "string",
        "Quantity": "int",
        "notify": "boolean",
    }
    assert tables.request["storeId"].doc == "ID of the store"
    assert set(tables.owned("basket")) == {"Sku", "Quantity"}
    assert next(p for p in tables.params if p.name == "notify").owner is None
    assert _types(tables.response) == {"Basket_SaveResult": "boolean"}


def test_bullets_with_leading_groups_and_required_words() -> None:
    tables = read_tables(
        "## Parameters\n"
        "- **pageSize** (int, optional): rows per page\n"
        "- **filter** (string, required) - what to match\n"
        "- `ids` (List<long>): the ids\n"
    )
    assert _types(tables.request) == {"pageSize": "int", "filter": "string", "ids": "long"}
    assert _required(tables.request) == {"pageSize": False, "filter": True, "ids": None}
    assert tables.request_lists == {"ids"}


def test_bullets_without_types_are_prose() -> None:
    tables = read_tables(
        "* **connection:** The connection to save.\n"
        "* **rows:** Page size (say, no more than 500 rows)\n"
        "* ClientRef: copied from the request\n"
        "* SOAP(Simple Object Access Protocol) - a protocol\n"
        "- [Folder](folder.md)\n"
    )
    assert tables.params == []


def test_labelled_input_and_output_lines() -> None:
    tables = read_tables(
        "method: echoFloat\n\n"
        "Input parameter name : inputFloat\n\nInput parameter type: xsd:float\n\n"
        "Output parameter name: return\n\nOutput parameter type: xsd:float\n"
    )
    assert _types(tables.request) == {"inputFloat": "float"}
    assert _types(tables.response) == {"return": "float"}


# -- sides --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "side"),
    [
        ("Request Parameters", REQUEST),
        ("Response Parameters", RESPONSE),
        ("## Input", REQUEST),
        ("Output", RESPONSE),
        ("Returns", RESPONSE),
        ("#### Parameters", REQUEST),
        ("Anforderung", REQUEST),
        ("Antwort", RESPONSE),
        ("Demande", REQUEST),
        ("Réponse", RESPONSE),
        ("Solicitud", REQUEST),
        ("Respuesta", RESPONSE),
        ("Requisição", REQUEST),
        ("Resposta", RESPONSE),
        ("İstek Parametreleri", REQUEST),
        ("Yanıt", RESPONSE),
        ("Запрос", REQUEST),
        ("Ответ", RESPONSE),
        ("请求参数", REQUEST),
        ("响应参数", RESPONSE),
        ("GetItem 要求の例", REQUEST),
        ("GetItem 応答の例", RESPONSE),
        ("CloseTicketResponse Parameters", RESPONSE),
        ("CloseTicketRequest", REQUEST),
        ("GetResultsCount Parameters", REQUEST),
        ("Request and response", None),
        ("Usage", None),
    ],
)
def test_heading_sides(heading: str, side: str | None) -> None:
    assert heading_side(heading.lstrip("# ")) == side


@pytest.mark.parametrize("heading", ["## Antwort", "**Réponse:**", "Respuesta", "=== 响应"])
def test_tables_follow_localised_headings(heading: str) -> None:
    tables = read_tables(f"{heading}\n\n| Name | Type |\n|---|---|\n| total | decimal |\n")
    assert tables.request == {} and _types(tables.response) == {"total": "decimal"}


def test_sentences_are_not_headings() -> None:
    tables = read_tables(
        "Request Parameters\n\n"
        "The following is a sample SOAP request and response.\n\n"
        "| Name | Type |\n|---|---|\n| x | int |\n"
    )
    assert set(tables.request) == {"x"} and tables.response == {}


# -- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "|",
        "a | b",
        "Use a | b to combine flags.",
        "|||\n|||\n---|---\n",
        "| Name | Type |\n|---|---|\n| only-one-cell |\n| a | int | extra | cells |\n|\n",
        "| Name | Type |\n",
        "---|---\n| x | int |\n",
        "Name\n",
        "Name\nstring",
        "Type string.",
        "- `a` (",
        "* **b**",
        "```\nunclosed fence\n| Name | Type |",
        "\x00\ufeff\u200b|\u2028|",
        "İ" * 1000,
        "# " + "Request " * 500,
    ],
)
def test_malformed_pages_do_not_fail(text: str) -> None:
    tables = read_tables(text)
    assert isinstance(tables, PageTables)


def test_ragged_rows_are_read_where_they_can_be() -> None:
    tables = read_tables(
        "| Name | Type | Required |\n|---|---|---|\n| a | int |\n| b |\n| c | string | Yes | x |\n"
    )
    assert _types(tables.request) == {"a": "int", "c": "string"}
    assert tables.request["a"].required is None


def test_random_pages_do_not_fail() -> None:
    pieces = [
        "|",
        "||",
        "---",
        ":--",
        "\n",
        "\n\n",
        "\t",
        " ",
        "#",
        "## ",
        "**",
        "*",
        "_",
        "`",
        "```",
        "[",
        "](",
        ")",
        "(",
        "<",
        ">",
        "<a name='x'>",
        "</a>",
        ":",
        "Name",
        "Type",
        "Tipi",
        "İsim",
        "Required",
        "Zorunlu Mu?",
        "Evet",
        "Hayır",
        "Yes",
        "No",
        "string",
        "int",
        "String(16)",
        "Double(9,3)",
        "List",
        "List<",
        "[]",
        "0..1",
        "1..n",
        "Request",
        "Response",
        "A value is required",
        "Multiple values allowed",
        "Type string.",
        "- `x` - *(int)*",
        "Input parameter name: a",
        "Output parameter type: xsd:int",
        "参数名",
        "类型",
        "是",
    ]
    rng = random.Random(20261123)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        read_tables(text)


def test_long_pages_are_read_in_linear_time() -> None:
    row = "| name{0} | int | Yes | a description of name{0} |\n"
    text = "| Name | Type | Required | Description |\n|---|---|---|---|\n" + "".join(
        row.format(n) for n in range(5000)
    )
    tables = read_tables(text * 2)
    assert len(tables.request) == 5000


def test_page_tables_can_still_be_built_from_two_tables() -> None:
    tables = PageTables({}, {})
    assert tables.request_lists == set() and tables.params == [] and tables.owned("x") == {}


# -- the corpus ---------------------------------------------------------------------------

_CORPUS_PAGES = (
    sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    if CORPUS.is_dir()
    else []
)


@pytest.mark.skipif(not _CORPUS_PAGES, reason="the documentation corpus is not on this machine")
def test_every_corpus_page_is_read_without_failing() -> None:
    for page in _CORPUS_PAGES:
        data = page.read_bytes()
        raw = data.decode("utf-8", errors="replace")
        read_tables(raw)  # before cleaning, as a careless caller would pass it
        try:
            text = page_text.clean(page_text.decode(data, file=str(page)))
        except Exception:  # decode refuses some files; the raw read above still ran
            continue
        tables = read_tables(text)
        for entry in [*tables.request.values(), *tables.response.values()]:
            assert entry.line >= 1


@pytest.mark.skipif(not _CORPUS_PAGES, reason="the documentation corpus is not on this machine")
def test_corpus_families_with_tables_are_read() -> None:
    """Each family with a parameter layout gives typed entries (no page is special-cased)."""
    typed_by_family: dict[str, int] = {}
    for page in _CORPUS_PAGES:
        try:
            text = page_text.clean(page_text.decode(page.read_bytes(), file=str(page)))
        except Exception:
            continue
        tables = read_tables(text)
        typed = sum(1 for e in [*tables.request.values(), *tables.response.values()] if e.type)
        family = page.parent.name
        typed_by_family[family] = typed_by_family.get(family, 0) + typed
    for family in ("servicestack", "vendor-convio", "vendor-other", "markdown"):
        if family in typed_by_family:
            assert typed_by_family[family] > 0, family
