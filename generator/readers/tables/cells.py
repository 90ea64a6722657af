"""Text of table cells and page lines: markup removed, identifiers, and the types cells name.

Every layout reads its cells through `plain_text` (no HTML tags, Markdown links, emphasis or
code spans) and its type cells through `parse_type`, which sees through their decoration:
`xsd:` prefixes, lengths (`String(16)`, `Double(9,3)`), .NET / Java / SQL names (`Int64`,
`DateTime`, `byte[]`) and list markers (`List`, `List<X>`, `X[]`, `X array`, `ArrayOfX`),
whose list-ness is reported beside the item type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ...model import MS_TYPES, QName, xs
from ...xsdtypes import BUILTINS
from ..page_samples import placeholder_type

# -- lines of a page ----------------------------------------------------------------------

MAX_LINE = 4000  # longer lines are prose or collapsed XML: no layout here reads them
FENCE = re.compile(r"^\s*(```|~~~)")  # code: samples and snippets, never parameter lists


# -- text of a cell -----------------------------------------------------------------------


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Fold a word for vocabulary matching: no case, no accents, no punctuation."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


# HTML tags only: `List<string>` and `Dictionary<string, int>` keep their arguments.
HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|code|span|font|p|div|br|sup|sub|small|tt|kbd|var|pre|td|th|tr"
    r"|li|ul|ol|img|abbr|mark|s|del|ins|nobr|wbr)\b[^<>]{0,300}>",
    re.I,
)
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(?=\S)([^*\n]{0,200}?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"(`+)([^`]+?)\1(?!`)")
_BREAK = re.compile(r"<br\s*/?>", re.I)


def plain_text(text: str) -> str:
    """Text without HTML tags, Markdown links, emphasis and code spans; spaces collapsed."""
    if "<" in text:
        text = HTML_TAG.sub(" ", _BREAK.sub(" ", text))
    if "[" in text:
        text = _REF_LINK.sub(r"\1", _LINK.sub(r"\1", text))
    if "`" in text:
        text = _CODE.sub(r"\2", text)
    if "*" in text or "_" in text:
        for _ in range(3):  # nested emphasis: ***x***, **_x_**
            text, count = _EMPHASIS.subn(r"\2", text)
            if not count:
                break
    return " ".join(text.replace("&nbsp;", " ").split())


IDENT = re.compile(r"[^\W\d][\w.\-]*")


def name_line(line: str) -> str | None:
    """A line that is only an identifier (perhaps in code or bold): a parameter's name."""
    if len(line) > 200:
        return None
    text = plain_text(line).strip(" :：")
    return text if text and len(text) <= 80 and IDENT.fullmatch(text) else None


def marked(cell: str) -> bool:
    """A link to a page or a code span: how prose marks a named type."""
    return bool(re.search(r"\]\([^)]*\)", cell)) or "`" in cell


# -- type cells ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CellType:
    """What a type cell says: a builtin leaf type, list-ness, or a named (complex) type."""

    type: QName | None = None
    is_list: bool = False
    type_name: str | None = None  # a named type that is not a builtin: `CustomerRole`
    is_object: bool = False  # "object", "Dictionary<K,V>": complex, its name not given

    @property
    def known(self) -> bool:
        return self.type is not None or self.is_list or bool(self.type_name) or self.is_object

    @property
    def strong(self) -> bool:
        """A builtin or a list marker: enough to tell a type column by its content."""
        return self.is_list or (self.type is not None and self.type.name not in _RARE_BUILTINS)


NOTHING = CellType()
# Builtins named by common words: read as types, but no evidence that a column holds types.
_RARE_BUILTINS = frozenset(
    "Name NCName ID IDREF IDREFS ENTITY ENTITIES NOTATION NMTOKEN NMTOKENS token language "
    "QName anySimpleType".split()
)
_BUILTIN_BY_FOLDED = {n.casefold(): n for n in BUILTINS if n not in _RARE_BUILTINS}


def _alias_table(groups: dict[str, str]) -> dict[str, str]:
    return {
        fold(word).replace(" ", ""): target
        for target, words in groups.items()
        for word in words.split()
    }


# Names documentation gives builtins (.NET, Java, SQL, natural languages), folded by
# `fold` without spaces.  Checked before XSD names: in a documentation table `integer` and
# `byte` are .NET's Int32 and Byte, not xs:integer and xs:byte.
_ALIASES = _alias_table(
    {
        "string": "string str text varchar nvarchar varchar2 nchar ntext charsequence "
        "alphanumeric alfanumerik alphanumerique alfanumerico metin cadena texto "
        "zeichenkette chaine строка строковый 字符串 文字列 テキスト",
        "int": "int int32 integer int4 entero inteiro entier ganzzahl tamsayi целое "
        "целоечисло 整数 整型",
        "long": "long int64 bigint int8 長整数 长整型",
        "short": "short int16 smallint",
        "unsignedByte": "byte tinyint",
        "byte": "sbyte",
        "unsignedInt": "uint uint32",
        "unsignedLong": "ulong uint64",
        "unsignedShort": "ushort uint16",
        "double": "double float64 浮点 浮点型",
        "float": "float single real float32",
        "decimal": "decimal money currency number numeric num numero numerico zahl ondalik "
        "bigdecimal число 数值 数字 数値 小数",
        "boolean": "bool boolean booleano booleen logical flag bit логический булев 布尔 "
        "布尔值 布尔型 真偽値 論理値",
        "dateTime": "datetime datetimeoffset timestamp datetime2 smalldatetime localdatetime "
        "zoneddatetime offsetdatetime instant calendar xmlgregoriancalendar fechahora "
        "datahora 日期时间 日時",
        "date": "date localdate dateonly fecha datum tarih дата 日期 日付",
        "time": "time localtime timeonly hora heure uhrzeit saat время 时间 時刻",
        "duration": "timespan duration",
        "guid": "guid uuid",
        "char": "char character",
        "base64Binary": "binary base64 blob varbinary bytearray stream",
        "anyURI": "uri url anyuri",
        "anyType": "any anytype xml xmlelement xmlnode xelement xmldocument",
    }
)
_SPECIAL = {"guid": QName(MS_TYPES, "guid"), "char": QName(MS_TYPES, "char")}
_OBJECT_WORDS = frozenset(
    "object obj struct structure class complex complextype record entity nesne objeto "
    "objet объект 对象 オブジェクト 结构 構造体".split()
)
_BYTE_WORDS = frozenset(("byte", "sbyte", "bytes", "octet"))
_LIST_WORDS = frozenset(
    "list array arraylist collection set sequence liste lista tableau arreglo dizi dizisi "
    "listesi список массив 数组 列表 集合 配列 リスト".split()
)
_LIST_GENERICS = frozenset(
    "list ilist ienumerable icollection ireadonlylist ireadonlycollection collection "
    "observablecollection hashset set iset array sequence seq iterable arraylist vector "
    "linkedlist sortedset".split()
)
_MAP_GENERICS = frozenset(
    "dictionary idictionary ireadonlydictionary sorteddictionary map hashmap treemap "
    "keyvaluepair namevaluecollection hashtable".split()
)
_XSD_PREFIX = re.compile(r"^(?:xsd?|s)\s*:\s*(?=\S)", re.I)
_PREFIX = re.compile(r"^[A-Za-z_][\w.-]*:(?=[A-Za-z_])")
_SIZE = re.compile(
    r"^(?P<base>[^\W\d][\w ]*?)\s*[(\[]\s*(?:\d+|max|n)\s*(?:[,.]\s*\d+\s*)?"
    r"(?:chars?|characters?|bytes?|karakter)?\s*[)\]]$",
    re.I,
)
_GENERIC = re.compile(r"^(?P<outer>[A-Za-z_][\w.]*)\s*<\s*(?P<inner>.*?)\s*>$")
_BRACKETS = re.compile(r"^(?P<inner>.+?)\s*\[\s*\d*\s*\]$")
_ARRAY_OF = re.compile(r"^ArrayOf(?P<inner>[A-Za-z_]\w*)$")
_OF = re.compile(
    r"^(?:an?\s+|the\s+)?(?:list|array|collection|set|sequence|liste|lista|tableau|arreglo"
    r"|список|массив)\s+(?:of|de|des|von|der|из)\s+(?P<inner>.+)$",
    re.I,
)
_SUFFIX = re.compile(
    r"^(?P<inner>.+?)\s*(?:\s(?:array|arrays|list|collection|dizisi|listesi|массив|список)"
    r"|数组|列表|配列|リスト|の配列|の一覧)$",
    re.I,
)
_WORDY = re.compile(r"[^\W_][\w .\-]*")
_HEAD_TOKEN = re.compile(r"^(?P<head>[^\s(,;]+)\s*(?:[(,;]|\s[-–—]\s|\s+\S)")


def parse_type(text: str) -> CellType:
    """Read a type cell: `**long**`, `xsd:int`, `String(16)`, `List<Guid>`, `[User](u.md) array`."""
    cell = plain_text(text).strip(" .,;:")
    if not cell or len(cell) > 80:
        return NOTHING
    found = _list_form(cell, 0)
    if not found.known:
        head = _HEAD_TOKEN.match(cell)  # `string (max 50)`, `String - 16 chars`
        if head:
            first = _list_form(head.group("head"), 0)
            if first.strong:
                return first
    return found


def table_type(text: str) -> QName | None:
    """The builtin a type cell names, if any (the item type for a list)."""
    return parse_type(text).type


def _list_form(cell: str, depth: int) -> CellType:
    if depth > 3:
        return NOTHING
    inner: str | None = None
    if match := _GENERIC.match(cell):
        outer = match.group("outer").rsplit(".", 1)[-1].casefold()
        if outer in _LIST_GENERICS:
            inner = match.group("inner")
        elif outer in _MAP_GENERICS:
            return CellType(is_object=True)
        elif outer in ("nullable", "optional"):
            return _list_form(match.group("inner"), depth + 1)
        else:
            return CellType(type_name=match.group("outer"))
    elif match := _BRACKETS.match(cell):
        inner = match.group("inner")
    elif match := _ARRAY_OF.match(cell):
        inner = match.group("inner")
    elif match := _OF.match(cell):
        inner = match.group("inner")
    elif match := _SUFFIX.match(cell):
        inner = match.group("inner")
    elif fold(cell).replace(" ", "") in _LIST_WORDS:
        return CellType(is_list=True)
    if inner is None:
        return _leaf(cell)
    inner = inner.strip()
    if fold(inner) in _BYTE_WORDS:
        return CellType(xs("base64Binary"))  # byte[], byte array: binary content
    item = _list_form(inner, depth + 1)
    if not item.strong and inner.endswith("s") and len(inner) > 3:  # "array of strings"
        singular = _list_form(inner[:-1], depth + 1)
        if singular.strong:
            item = singular
    return CellType(item.type, True, item.type_name, item.is_object)


def _leaf(cell: str) -> CellType:
    text = cell.strip().rstrip("?").strip()  # `int?`: a nullable int
    if not text:
        return NOTHING
    if xsd := _XSD_PREFIX.match(text):
        local = text[xsd.end() :].strip()
        found = placeholder_type(local)
        if found is None and local.casefold() in _BUILTIN_BY_FOLDED:
            found = xs(_BUILTIN_BY_FOLDED[local.casefold()])
        if found is not None:
            return CellType(found)
        return CellType(type_name=local) if IDENT.fullmatch(local) else NOTHING
    if text not in ("integer", "byte"):
        found = placeholder_type(text)  # exact XSD names (`nonNegativeInteger`), `q1:QName`
        if found is not None:
            return CellType(found)
    if prefixed := _PREFIX.match(text):
        text = text[prefixed.end() :]
    if "." in text and IDENT.fullmatch(text):  # System.Int32, java.lang.String
        text = text.rsplit(".", 1)[-1]
    if sized := _SIZE.match(text):
        text = sized.group("base").strip()
        if fold(text) in ("char", "character", "nchar"):
            return CellType(xs("string"))  # CHAR(n): n characters
    if not _WORDY.fullmatch(text):
        return NOTHING  # punctuation left over: "```xml", "a/b", "x = 1"
    key = fold(text).replace(" ", "")
    name = _ALIASES.get(key)
    if name is not None:
        return CellType(_SPECIAL.get(name) or xs(name))
    if key in _BUILTIN_BY_FOLDED:
        return CellType(xs(_BUILTIN_BY_FOLDED[key]))
    found = placeholder_type(text)
    if found is not None:
        return CellType(found)
    if key in _OBJECT_WORDS:  # "object", or a type named so (`Record`)
        return CellType(type_name=text if text[:1].isupper() else None, is_object=True)
    if key in ("enum", "enumeration", "enumerated"):
        return NOTHING
    if IDENT.fullmatch(text) and len(text) <= 60:
        return CellType(type_name=text)
    return NOTHING
