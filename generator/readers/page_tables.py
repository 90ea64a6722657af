"""Parameter tables of documentation pages: the strongest evidence a page gives about a field.

Layouts are recognised by the rules of their families, never by a page's wording:

* pipe tables (Markdown, ServiceStack metadata, Confluence copies) and tab-separated tables:
  the name, type, required and description columns are found by their header words in
  several languages, and by content when the header is unknown or missing (the type column
  is the one whose cells read as type names, the required column the one of yes/no words);
* parameter blocks: a name line, a type line (`nonNegativeInteger`, or `Type X.`), markers
  such as "A value is required" / "Multiple values allowed", and a description, in any
  order after the type (Convio / Luminate and Blackbaud reference pages);
* bullet lists naming a parameter and its type: "- `siteId` - the site *(integer)*",
  "* **id** (string, required): ...", nested bullets being the children of the one above;
* labelled lines: "Input parameter name: x" / "Input parameter type: xsd:string".

Each parameter belongs to the request or the response after the nearest heading before it
that says which (in English, German, French, Spanish, Portuguese, Turkish, Russian, Chinese
or Japanese); one with no such heading counts for both, except that a later side-less table
speaks for the response first, since pages list the request before the response.

Type cells are read through their decoration: Markdown emphasis, links and code spans,
`xsd:` prefixes, lengths (`String(16)`, `Double(9,3)`), .NET and Java names (`Int64`,
`DateTime`, `byte[]`) and list markers (`List`, `List<X>`, `X[]`, `X array`, `ArrayOfX`).
A list marker is reported as list-ness beside the item type.

Everything here is text in, tables out, and tolerant: a page that shows no table gives
empty tables, and no page makes the reader fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import MS_TYPES, QName, xs
from ..xsdtypes import BUILTINS
from .page_samples import placeholder_type
from .type_builder import Table, TableEntry

REQUEST = "request"
RESPONSE = "response"

# Pipe-table descriptions go to `Param.doc`; set this to also give them to `TableEntry.doc`
# (field docstrings).  Off for now: it changes the generated code of existing golden cases.
TABLE_DOCS = False


# -- text helpers -------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Fold a word for vocabulary matching: no case, no accents, no punctuation."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


_TAG = re.compile(r"<[^<>]{0,300}>")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"`+([^`]*)`+")


def _plain(text: str) -> str:
    """A cell or line without HTML tags, Markdown links, emphasis and code spans."""
    text = _TAG.sub(" ", text) if "<" in text else text
    if "[" in text:
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        for _ in range(3):  # nested emphasis: ***x***, **_x_**
            text, count = _EMPHASIS.subn(r"\2", text)
            if not count:
                break
    text = text.replace("&nbsp;", " ").replace("\u00a0", " ")
    return " ".join(text.split())


_IDENT = re.compile(r"[^\W\d][\w.\-]*")
_PATH_SPLIT = re.compile(r"\s*(?:/|\\|\u2192|->|>|\.)\s*")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _name_cell(cell: str) -> tuple[str, str | None, bool | None] | None:
    """The parameter a name cell names: (name, owner from a path, required marker).

    Accepts `**x**`, `` `x` ``, `[x](x.md)`, `<a name=..></a>x`, `a/b/@x`, `a.b.x`, `x *`,
    `x (required)`.
    """
    text = _plain(cell).strip().strip(":：").strip()
    required: bool | None = None
    trailer = re.match(r"^(.*?)\s*(?:\(([^()]*)\)|（([^（）]*)）|(\*))$", text)
    if trailer and trailer.group(1):
        marker = trailer.group(2) or trailer.group(3) or ""
        if trailer.group(4):
            required = True
        else:
            required = _yes_no(marker)
            if required is None and not _is_optional_word(marker):
                return None  # "x (see below)": not a name cell
            if required is None:
                required = False
        text = trailer.group(1).strip()
    text = text.lstrip("@").strip()
    if not text or len(text) > 120 or " " in text.strip():
        return None
    parts = [p.lstrip("@") for p in _PATH_SPLIT.split(text) if p]
    if not parts or not all(_IDENT.fullmatch(p) for p in parts):
        return None
    name = parts[-1]
    owner = parts[-2] if len(parts) > 1 else None
    return name, owner, required


def _is_name_line(line: str) -> str | None:
    """A line that is only an identifier (possibly in code or bold): a parameter's name."""
    text = _plain(line).strip().rstrip(":：").strip()
    return text if text and len(text) <= 80 and _IDENT.fullmatch(text) else None


# -- type cells ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CellType:
    """What a type cell says: a builtin leaf type, list-ness, or a named (complex) type."""

    type: QName | None = None
    is_list: bool = False
    type_name: str | None = None  # a named type that is not a builtin: `CustomerRole`
    is_object: bool = False  # "object", "struct", ...: a complex value with no name given

    @property
    def known(self) -> bool:
        return self.type is not None or self.is_list or bool(self.type_name) or self.is_object

    @property
    def strong(self) -> bool:
        """A builtin or a list marker: enough to tell a type column by its content."""
        return self.is_list or (self.type is not None and self.type.name not in _RARE_BUILTINS)


_NOTHING = CellType()
# Builtins whose names are common words: they count as types, not as evidence of a column.
_RARE_BUILTINS = frozenset(
    "Name NCName ID IDREF IDREFS ENTITY ENTITIES NOTATION NMTOKEN NMTOKENS token language "
    "QName anySimpleType".split()
)
_BUILTIN_BY_FOLDED: dict[str, str] = {
    name.casefold(): name for name in BUILTINS if name not in _RARE_BUILTINS
}
_GUID = QName(MS_TYPES, "guid")
_CHAR = QName(MS_TYPES, "char")

# Names documentation uses for builtins (.NET, Java, SQL and natural-language words), folded
# with `_norm` and without spaces.  Checked before XSD names: in a documentation table
# `integer` and `byte` are .NET's Int32 and Byte, not xs:integer and xs:byte.
_ALIASES: dict[str, str] = {
    # strings
    "string": "string",
    "str": "string",
    "text": "string",
    "varchar": "string",
    "nvarchar": "string",
    "varchar2": "string",
    "nchar": "string",
    "ntext": "string",
    "charsequence": "string",
    "alphanumeric": "string",
    "alfanumerik": "string",
    "alphanumerique": "string",
    "alfanumerico": "string",
    "metin": "string",
    "cadena": "string",
    "texto": "string",
    "zeichenkette": "string",
    "chaine": "string",
    "строка": "string",
    "строковый": "string",
    "字符串": "string",
    "字符": "string",
    "文字列": "string",
    "テキスト": "string",
    # integers
    "int": "int",
    "int32": "int",
    "integer": "int",
    "int4": "int",
    "entero": "int",
    "inteiro": "int",
    "entier": "int",
    "ganzzahl": "int",
    "tamsayi": "int",
    "целое": "int",
    "целоечисло": "int",
    "整数": "int",
    "整型": "int",
    "int型": "int",
    "long": "long",
    "int64": "long",
    "bigint": "long",
    "int8": "long",
    "長整数": "long",
    "长整型": "long",
    "short": "short",
    "int16": "short",
    "smallint": "short",
    "byte": "unsignedByte",
    "tinyint": "unsignedByte",
    "sbyte": "byte",
    "uint": "unsignedInt",
    "uint32": "unsignedInt",
    "ulong": "unsignedLong",
    "uint64": "unsignedLong",
    "ushort": "unsignedShort",
    "uint16": "unsignedShort",
    # numbers
    "double": "double",
    "float": "float",
    "single": "float",
    "real": "float",
    "float64": "double",
    "float32": "float",
    "decimal": "decimal",
    "money": "decimal",
    "currency": "decimal",
    "number": "decimal",
    "numeric": "decimal",
    "num": "decimal",
    "numero": "decimal",
    "numerico": "decimal",
    "zahl": "decimal",
    "ondalik": "decimal",
    "число": "decimal",
    "数值": "decimal",
    "数字": "decimal",
    "数値": "decimal",
    "浮点": "double",
    "浮点型": "double",
    "小数": "decimal",
    "bigdecimal": "decimal",
    # booleans
    "bool": "boolean",
    "boolean": "boolean",
    "booleano": "boolean",
    "booleen": "boolean",
    "logical": "boolean",
    "flag": "boolean",
    "bit": "boolean",
    "логический": "boolean",
    "булев": "boolean",
    "布尔": "boolean",
    "布尔值": "boolean",
    "布尔型": "boolean",
    "真偽値": "boolean",
    "論理値": "boolean",
    # dates and times
    "datetime": "dateTime",
    "datetimeoffset": "dateTime",
    "timestamp": "dateTime",
    "datetime2": "dateTime",
    "smalldatetime": "dateTime",
    "localdatetime": "dateTime",
    "zoneddatetime": "dateTime",
    "offsetdatetime": "dateTime",
    "instant": "dateTime",
    "calendar": "dateTime",
    "xmlgregoriancalendar": "dateTime",
    "fechahora": "dateTime",
    "datahora": "dateTime",
    "датаивремя": "dateTime",
    "日期时间": "dateTime",
    "日時": "dateTime",
    "date": "date",
    "localdate": "date",
    "dateonly": "date",
    "fecha": "date",
    "datum": "date",
    "tarih": "date",
    "дата": "date",
    "日期": "date",
    "日付": "date",
    "time": "time",
    "localtime": "time",
    "timeonly": "time",
    "hora": "time",
    "heure": "time",
    "uhrzeit": "time",
    "saat": "time",
    "время": "time",
    "时间": "time",
    "時刻": "time",
    "timespan": "duration",
    "duration": "duration",
    # others
    "guid": "guid",
    "uuid": "guid",
    "char": "char",
    "character": "char",
    "binary": "base64Binary",
    "base64": "base64Binary",
    "blob": "base64Binary",
    "varbinary": "base64Binary",
    "bytearray": "base64Binary",
    "stream": "base64Binary",
    "uri": "anyURI",
    "url": "anyURI",
    "anyuri": "anyURI",
    "any": "anyType",
    "anytype": "anyType",
    "xml": "anyType",
    "xmlelement": "anyType",
    "xmlnode": "anyType",
    "xelement": "anyType",
    "xmldocument": "anyType",
}
_OBJECT_WORDS = frozenset(
    "object obj struct structure class complex complextype record entity nesne objeto "
    "objet объект 对象 オブジェクト 结构 構造体".split()
)
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
_XSD_PREFIX = re.compile(r"^(?:xsd?|xs|s)\s*:\s*(?=\S)", re.I)
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
    r"|список|массив)\s+(?:of|de|des|d'|von|der|из)\s+(?P<inner>.+)$",
    re.I,
)
_SUFFIX = re.compile(
    r"^(?P<inner>.+?)\s+(?:array|arrays|list|collection|dizisi|listesi|массив|список|数组|列表"
    r"|配列|リスト|の配列|の一覧)$",
    re.I,
)


def parse_type(text: str) -> CellType:
    """Read a type cell: `**long**`, `xsd:int`, `String(16)`, `List<Guid>`, `[User](u.md) array`."""
    cell = _plain(text).strip().strip(".,;:").strip()
    if not cell or len(cell) > 80:
        return _NOTHING
    return _list_form(cell, 0)


def table_type(text: str) -> QName | None:
    """The builtin a parameter table's type cell names, if any (an item type for lists)."""
    return parse_type(text).type


def _list_form(cell: str, depth: int) -> CellType:
    if depth > 3:
        return _NOTHING
    inner: str | None = None
    match = _GENERIC.match(cell)
    if match:
        outer = match.group("outer").rsplit(".", 1)[-1].casefold()
        if outer in _LIST_GENERICS:
            inner = match.group("inner")
        elif outer in _MAP_GENERICS:
            return CellType(is_object=True)
        elif outer in ("nullable", "optional"):
            return _list_form(match.group("inner"), depth + 1)
        else:
            return CellType(type_name=match.group("outer"))
    elif _BRACKETS.match(cell):
        inner = _BRACKETS.match(cell).group("inner")  # type: ignore[union-attr]
        if _norm(inner) in ("byte", "sbyte", "bytes"):
            return CellType(xs("base64Binary"))
    elif _ARRAY_OF.match(cell) and cell[7:].casefold() not in ("", "s"):
        inner = _ARRAY_OF.match(cell).group("inner")  # type: ignore[union-attr]
    elif _OF.match(cell):
        inner = _OF.match(cell).group("inner")  # type: ignore[union-attr]
    elif _SUFFIX.match(cell):
        inner = _SUFFIX.match(cell).group("inner")  # type: ignore[union-attr]
    elif _norm(cell).replace(" ", "") in _LIST_WORDS:
        return CellType(is_list=True)
    if inner is None:
        return _leaf(cell)
    item = _list_form(inner.strip(), depth + 1)
    return CellType(item.type, True, item.type_name, item.is_object)


def _leaf(cell: str) -> CellType:
    text = cell.strip().rstrip("?").strip()  # `int?`: a nullable int
    if not text:
        return _NOTHING
    xsd = _XSD_PREFIX.match(text)
    if xsd:
        local = text[xsd.end() :].strip()
        found = placeholder_type(local)
        if found is None and local.casefold() in _BUILTIN_BY_FOLDED:
            found = xs(_BUILTIN_BY_FOLDED[local.casefold()])
        if found is not None:
            return CellType(found)
        return CellType(type_name=local) if _IDENT.fullmatch(local) else _NOTHING
    found = placeholder_type(text)  # `q1:QName`, exact XSD names such as `nonNegativeInteger`
    if found is not None and text not in ("integer", "byte"):
        return CellType(found)
    prefixed = _PREFIX.match(text)
    if prefixed:
        text = text[prefixed.end() :]
    if "." in text and _IDENT.fullmatch(text):  # System.Int32, java.lang.String
        text = text.rsplit(".", 1)[-1]
    sized = _SIZE.match(text)
    if sized:
        text = sized.group("base").strip()
        if _norm(text) in ("char", "character", "nchar"):
            return CellType(xs("string"))  # CHAR(n): a string of n characters
    key = _norm(text).replace(" ", "")
    name = _ALIASES.get(key)
    if name == "guid":
        return CellType(_GUID)
    if name == "char":
        return CellType(_CHAR)
    if name is not None:
        return CellType(xs(name))
    if key in _BUILTIN_BY_FOLDED:
        return CellType(xs(_BUILTIN_BY_FOLDED[key]))
    exact = placeholder_type(text)
    if exact is not None:
        return CellType(exact)
    if key in _OBJECT_WORDS:
        return CellType(is_object=True)
    if key in ("enum", "enumeration", "enumerated"):
        return _NOTHING
    if _IDENT.fullmatch(text) and len(text) <= 60:
        return CellType(type_name=text)
    return _NOTHING


# -- vocabulary ---------------------------------------------------------------------------


def _words(*groups: str) -> frozenset[str]:
    return frozenset(_norm(w) for group in groups for w in group.split(";") if _norm(w))


_NAME_STRONG = _words(
    "name;names;parameter name;param name;element name;field name;property name;"
    "attribute name;argument name;member name;key;element or attribute;",
    "nombre;nombre del parametro;nombre del campo;nom;nom du parametre;nom du champ;nome;"
    "nome do parametro;nome do campo;isim;ad;adi;alan adi;parametre adi;eleman adi;",
    "имя;название;наименование;имя параметра;имя поля;",
    "名称;名字;参数名;参数名称;字段名;字段名称;元素名;属性名;名前;パラメータ名;パラメーター名;"
    "項目名;要素名;フィールド名;引数名;物理名",
)
_NAME_WEAK = _words(
    "parameter;parameters;param;element;elements;field;fields;property;properties;attribute;"
    "argument;member;tag;node;",
    "parametro;campo;elemento;propiedad;atributo;parametre;champ;element;propriete;attribut;"
    "propriedade;feld;eigenschaft;attribut;alan;eleman;oge;ozellik;",
    "параметр;поле;элемент;атрибут;свойство;",
    "参数;字段;元素;属性;节点;パラメータ;パラメーター;項目;要素;フィールド;引数;属性",
)
_TYPE_HEADERS = _words(
    "type;types;data type;datatype;data types;type name;value type;parameter type;field type;"
    "element type;xsd type;schema type;format;",
    "tipo;tipo de dato;tipo de datos;tipo de dado;tipo de dados;tipo do dado;type de donnees;"
    "type de donnee;typ;datentyp;feldtyp;tipi;tip;tur;turu;veri tipi;veri turu;alan tipi;",
    "тип;тип данных;тип параметра;тип поля;",
    "类型;数据类型;参数类型;字段类型;類型;資料類型;型;データ型;タイプ;種別",
)
_REQUIRED_HEADERS = _words(
    "required;required?;is required;mandatory;req;obligatory;must;needed;required optional;"
    "required or optional;mandatory optional;m o;use;usage;",
    "requerido;obligatorio;necesario;obrigatorio;requis;obligatoire;erforderlich;pflicht;"
    "pflichtfeld;pflichtangabe;muss;zorunlu;zorunlu mu;zorunluluk;gerekli;",
    "обязательный;обязательное;обязательность;обязательно;обяз;",
    "必填;是否必填;必须;是否必须;必选;必需;是否必需;必須;必須項目;必須区分",
)
_OPTIONAL_HEADERS = _words(
    "optional;is optional;nillable;opcional;facultatif;optionnel;optional;opsiyonel;"
    "istege bagli;необязательный;可选;是否可选;任意;省略可",
)
_OCCURS_HEADERS = _words(
    "occurrences;occurrence;occurs;occurence;cardinality;multiplicity;min occurs;minoccurs;"
    "min max;card;count;ocorrencias;ocurrencias;cardinalite;kardinalitat;kardinalite;"
    "кратность;出现次数;多重度;繰り返し",
)
_DOC_HEADERS = _words(
    "description;descriptions;desc;details;detail;notes;note;comment;comments;remarks;"
    "meaning;explanation;purpose;",
    "descripcion;descricao;observacao;observaciones;commentaire;beschreibung;bemerkung;"
    "erlauterung;erklarung;aciklama;aciklamasi;",
    "описание;примечание;комментарий;",
    "描述;说明;說明;备注;備考;説明;内容;概要",
)
_OTHER_HEADERS = _words(
    "value;values;default;default value;example;examples;sample;sample value;example value;"
    "location;in;since;version;length;max length;size;constraints;valeur;valor;wert;"
    "beispiel;ejemplo;exemple;exemplo;ornek;deger;varsayilan;uzunluk;значение;пример;"
    "值;默认值;示例;例;長さ;桁数;既定値;code;kod;codigo",
)

_YES = _words(
    "yes;y;true;required;req;mandatory;must;x;✓;✔;☑;√;○;◯;〇;●;yes required;is required;",
    "evet;oui;si;sim;ja;s;m;да;д;是;必填;必须;必需;必选;必要;はい;必須;要;",
    "requerido;obligatorio;obrigatorio;requis;obligatoire;erforderlich;pflicht;zorunlu;"
    "gerekli;обязательно;обязательный;обязательное;обяз",
)
_NO = _words(
    "no;n;false;optional;opt;not required;none;",
    "hayir;non;nein;nao;нет;н;否;不;不必填;非必填;可选;选填;いいえ;任意;省略可;不要;",
    "facultatif;facultativo;optionnel;opcional;optativo;istege bagli;opsiyonel;"
    "zorunlu degil;необязательно;необязательный;необязательное;nicht erforderlich",
)
_NO_SYMBOLS = frozenset("✗✘×╳")
_OCCURS = re.compile(
    r"^\[?\s*(?P<min>\d+)\s*(?:(?:\.\.|…|-|–|to|,)\s*(?P<max>\d+|\*|n|m|unbounded|many|inf"
    r"|infinity|∞))?\s*\]?$",
    re.I,
)


def _is_optional_word(text: str) -> bool:
    return _norm(text) in _NO


def _yes_no(text: str) -> bool | None:
    """Yes/no words in several languages, `required`/`optional`, check marks, occurrences."""
    raw = _plain(text).strip()
    if not raw:
        return None
    if raw[0] in _NO_SYMBOLS:
        return False
    occurs = _occurs(raw)
    if occurs is not None:
        return occurs[0]
    word = _norm(raw)
    if not word and raw[0] in "✓✔☑√○◯〇●":
        return True
    if word in _YES:
        return True
    if word in _NO:
        return False
    head = re.split(r"[(\[（,;:.\-–—/!]", raw, maxsplit=1)[0]
    head_word = _norm(head)
    if head_word in _YES:
        return True
    if head_word in _NO:
        return False
    first = head_word.split(" ", 1)[0] if head_word else ""
    if first in _YES and first not in ("s", "m", "x", "y", "д"):
        return True
    if first in _NO and first not in ("n", "н", "none"):
        return False
    return None


def _occurs(text: str) -> tuple[bool, bool] | None:
    """`0..1`, `1`, `1..n`, `0-*`: (required, is_list)."""
    match = _OCCURS.match(text.strip())
    if not match:
        return None
    low = int(match.group("min"))
    high = match.group("max")
    if high is None:
        return low >= 1, low > 1
    many = not high.isdigit() or int(high) > 1
    return low >= 1, many


# -- headings: which side a table belongs to ----------------------------------------------

_RESPONSE_WORDS = _words(
    "response;responses;output;outputs;returns;return;returned;return value;return values;"
    "result;results;reply;answer;",
    "antwort;ruckgabe;ruckgabewert;ruckgabewerte;ausgabe;reponse;reponses;sortie;retour;"
    "respuesta;respuestas;salida;retorno;devuelve;resposta;respostas;saida;",
    "yanit;cevap;cikti;cikis;donus;geri donus;",
    "ответ;ответа;выход;выходные;результат;возвращает;возвращаемое;",
    "响应;返回;输出;出参;应答;回應;返回值;回傳;応答;レスポンス;戻り値;出力;返却",
)
_REQUEST_WORDS = _words(
    "request;requests;input;inputs;",
    "anforderung;anfrage;eingabe;demande;requete;entree;entrees;solicitud;peticion;entrada;"
    "requisicao;solicitacao;pedido;",
    "istek;talep;giris;girdi;",
    "запрос;запроса;вход;входные;",
    "请求;請求;输入;入参;要求;リクエスト;入力",
)
# Weak request words: a "Response Parameters" heading is the response's.
_PARAMETER_WORDS = _words(
    "parameters;parameter;params;arguments;",
    "parametres;parametros;parametre;parametreler;parametreleri;parametresi;",
    "параметры;параметров;参数;パラメータ;パラメーター;引数",
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _has_word(words: frozenset[str], norm: str) -> bool:
    tokens = norm.split()
    for word in words:
        if _CJK.search(word):
            if word in norm:
                return True
        elif " " in word:
            if f" {word} " in f" {norm} ":
                return True
        elif word in tokens:
            return True
    return False


def heading_side(text: str) -> str | None:
    """The side a heading names: `request`, `response`, or None (neither, or both)."""
    norm = _norm(_plain(text))
    if not norm:
        return None
    response = _has_word(_RESPONSE_WORDS, norm)
    request = _has_word(_REQUEST_WORDS, norm)
    if response and request:
        return None
    if response:
        return RESPONSE
    if request or _has_word(_PARAMETER_WORDS, norm):
        return REQUEST
    return None


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].*?)(\*\*|__)\s*[:：]?\s*$")
_RULE_HEADING = re.compile(r"^\s*={2,}\s*(?P<text>.*?)\s*=*\s*$")
_CODE_NAME = re.compile(r"`([^`\s]+)`|(?<![\w.])([A-Za-z][a-z0-9]*(?:[A-Z_][A-Za-z0-9]*)+)(?!\w)")
_SENTENCE_END = (".", ",", ";", "。", "，", "!", "?", "…")


@dataclass(frozen=True)
class _Heading:
    text: str
    strong: bool  # Markdown, a bold line or a `===` separator: it may name an owner


def _heading(line: str) -> _Heading | None:
    match = _MD_HEADING.match(line)
    if match and match.group(2):
        return _Heading(match.group(2), True)
    match = _BOLD_LINE.match(line)
    if match:
        return _Heading(match.group("text"), True)
    match = _RULE_HEADING.match(line)
    if match and match.group("text"):
        return _Heading(match.group("text"), True)
    text = line.strip()
    if (
        not text
        or len(text) > 60
        or len(text.split()) > 8
        or text.endswith(_SENTENCE_END)
        or text[0] in "-*+•<|>{}[(\"'"
        or any(c in text for c in "<>|={}")
        or (":" in text.rstrip(":：") and not text.rstrip(":：").endswith(")"))
    ):
        return None
    return _Heading(text.rstrip(":："), False)


def _owner_of(heading: _Heading) -> str | None:
    """A code-like name in a Markdown heading (`PieceDetail Object`): the type it describes."""
    if not heading.strong or heading_side(heading.text):
        return None
    text = _TAG.sub(" ", heading.text)
    for match in _CODE_NAME.finditer(text):
        name = match.group(1) or match.group(2)
        if name and _IDENT.fullmatch(name):
            return name
    return None


# -- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One parameter as a page documents it, before it is put in a side's table."""

    name: str
    type: QName | None
    required: bool | None
    doc: str
    line: int
    side: str | None = None  # REQUEST, RESPONSE, or None (the page does not say)
    is_list: bool = False  # the page says several values: the element repeats, or it wraps items
    type_name: str | None = None  # a named, non-builtin type the page gives (`CustomerRole`)
    owner: str | None = None  # the element or type it belongs to, when the page says (nesting)

    def entry(self, doc: bool = True) -> TableEntry:
        return TableEntry(self.type, self.required, self.doc if doc else "", self.line)


@dataclass
class PageTables:
    """What a page's tables say, per side: `request`/`response` map local names to entries.

    `request_lists`/`response_lists` hold the names the page marks as holding many values;
    `params` keeps every parameter read, in page order, with its owner when nesting showed it.
    """

    request: Table
    response: Table
    request_lists: set[str] = field(default_factory=set)
    response_lists: set[str] = field(default_factory=set)
    params: list[Param] = field(default_factory=list)

    def lists(self, side: str) -> set[str]:
        return self.response_lists if side == RESPONSE else self.request_lists

    def owned(self, owner: str) -> Table:
        """Entries of the parameters a page lists under `owner` (a heading or a parent bullet)."""
        table: Table = {}
        for param in self.params:
            if param.owner == owner:
                table.setdefault(param.name, param.entry(_docs_of(param)))
        return table


def _docs_of(param: Param) -> bool:
    return TABLE_DOCS or not getattr(param, "_from_table", False)


# -- the reader ---------------------------------------------------------------------------


def read_tables(text: str) -> PageTables:
    """Read every parameter table, block, list and labelled line of a (cleaned) page."""
    reader = _Reader(text.split("\n"))
    reader.run()
    return _assemble(reader.params, reader.table_rows)


def _assemble(params: list[Param], table_rows: set[int]) -> PageTables:
    tables = PageTables({}, {}, params=params)

    def put(table: Table, lists: set[str], chosen: Iterable[Param]) -> None:
        for param in chosen:
            if param.name in table:
                continue
            docs = TABLE_DOCS or param.line not in table_rows
            table[param.name] = param.entry(docs)
            if param.is_list:
                lists.add(param.name)

    def order(side: str, reverse_sideless: bool) -> list[Param]:
        sided = [p for p in params if p.side == side]
        sideless = [p for p in params if p.side is None]
        if reverse_sideless:
            # Among tables no heading places, the later ones speak for the response.
            sideless = list(reversed(sideless))
        ranked = sorted(sided, key=lambda p: p.owner is not None) + sorted(
            sideless, key=lambda p: p.owner is not None
        )
        return ranked

    put(tables.request, tables.request_lists, order(REQUEST, False))
    put(tables.response, tables.response_lists, order(RESPONSE, True))
    return tables


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.params: list[Param] = []
        self.table_rows: set[int] = set()  # 1-based lines of pipe-table rows (doc policy)
        self.side: str | None = None
        self.owner: str | None = None
        self.bullets: list[tuple[int, str]] = []  # (indent, name) of open bullet parents

    # -- driver ---------------------------------------------------------------------------

    def run(self) -> None:
        lines = self.lines
        fence: str | None = None
        no_table_until = -1
        i = 0
        while i < len(lines):
            raw = lines[i]
            line = raw.strip()
            fenced = _FENCE.match(raw)
            if fence is not None:
                if (fenced and fenced.group(1) == fence) or line.endswith(fence):
                    fence = None
                i += 1
                continue
            if fenced:
                fence = fenced.group(1)
                if len(line) > 3 and line.endswith(fence) and line.count(fence) >= 2:
                    fence = None  # a one-line fence
                i += 1
                continue
            if not line:
                i += 1
                continue
            if i > no_table_until and ("|" in line or "\t" in raw.strip("\t ")):
                end = self._table_block(i)
                if end > i:
                    i = end
                    continue
                no_table_until = self._block_end(i)
            if line.startswith("<") and not line.startswith("<a "):
                i += 1
                continue
            step = (
                self._bullet(i)
                or self._param_block(i)
                or self._labelled(i)
                or self._heading_line(i)
            )
            i += step or 1

    def _add(self, param: Param) -> None:
        self.params.append(param)

    # -- headings -------------------------------------------------------------------------

    def _heading_line(self, i: int) -> int:
        heading = _heading(self.lines[i])
        if heading is None:
            if not self.lines[i].startswith((" ", "\t")):
                self.bullets = []
            return 0
        side = heading_side(heading.text)
        if side is not None:
            self.side = side
        if heading.strong:
            self.owner = _owner_of(heading)
            self.bullets = []
        return 1

    # -- pipe and tab tables --------------------------------------------------------------

    def _block_end(self, start: int) -> int:
        """The last line of the run of table-looking lines that starts at `start`."""
        end = start
        tabbed = "|" not in self.lines[start]
        while end + 1 < len(self.lines):
            nxt = self.lines[end + 1]
            if not nxt.strip() or _FENCE.match(nxt):
                break
            if tabbed and "\t" not in nxt.strip("\t "):
                break
            if not tabbed and "|" not in nxt:
                break
            end += 1
        return end

    def _table_block(self, start: int) -> int:
        """Read the tables of the block at `start`; the index after it, or `start` if none."""
        end = self._block_end(start)
        tabbed = "|" not in self.lines[start]
        rows = [(n + 1, _split_row(self.lines[n], tabbed)) for n in range(start, end + 1)]
        if tabbed and len(rows) < 2:
            return start
        found = False
        for header, data in _segments(rows):
            found = self._table(header, data) or found
        return end + 1 if found else start

    def _table(self, header: list[str] | None, data: list[tuple[int, list[str]]]) -> bool:
        if not data:
            return False
        roles = _columns(header, [cells for _, cells in data])
        if roles is None:
            return False
        read = False
        for line, cells in data:
            param = _row(cells, roles, line, self.side, self.owner)
            if param is not None:
                self._add(param)
                self.table_rows.add(line)
                read = True
        return read

    # -- parameter blocks (Convio, Blackbaud) ---------------------------------------------

    def _next_filled(self, i: int, limit: int = 2) -> int | None:
        """The index of the next non-blank line after `i`, skipping at most `limit` blanks."""
        j = i + 1
        skipped = 0
        while j < len(self.lines) and not self.lines[j].strip():
            skipped += 1
            if skipped > limit:
                return None
            j += 1
        return j if j < len(self.lines) else None

    def _block_head(self, i: int) -> tuple[str, CellType, int] | None:
        """A name line followed by a type line: (name, type, index of the type line)."""
        name = _is_name_line(self.lines[i])
        if name is None:
            return None
        j = self._next_filled(i)
        if j is None:
            return None
        type_line = self.lines[j].strip()
        labelled = _TYPE_SENTENCE.match(type_line)
        if labelled:
            cell = parse_type(labelled.group("type"))
            return (name, cell, j) if cell.known else None
        if len(type_line.split()) > 3 or _marker(type_line) is not None:
            return None
        cell = parse_type(type_line)
        if cell.type is not None or cell.is_list:
            return name, cell, j
        if cell.type_name and _IDENT.fullmatch(type_line):
            # A named type (`Record`): only when a marker line follows, as Convio prints.
            k = self._next_filled(j)
            if k is not None and _marker(self.lines[k].strip()) is not None:
                return name, cell, j
        return None

    def _param_block(self, i: int) -> int:
        head = self._block_head(i)
        if head is None:
            return 0
        name, cell, j = head
        required: bool | None = None
        is_list = cell.is_list
        doc = ""
        k = j
        while True:
            nxt = self._next_filled(k)
            if nxt is None:
                break
            text = self.lines[nxt].strip()
            if self._block_head(nxt) is not None or text.startswith(("<", "|", "#")):
                break
            mark = _marker(text)
            if mark is not None:
                kind, value = mark
                if kind == "required":
                    required = value
                else:
                    is_list = is_list or value
                k = nxt
                continue
            if doc or _heading_is_section(text):
                break
            doc = _plain(text)
            k = nxt
        self._add(
            Param(
                name,
                cell.type,
                required,
                doc,
                i + 1,
                self.side,
                is_list,
                cell.type_name,
                self.owner,
            )
        )
        return k - i + 1

    # -- labelled lines ("Input parameter name: x") ---------------------------------------

    def _labelled(self, i: int) -> int:
        label = _label(self.lines[i])
        if label is None or label[1] != "name":
            return 0
        side, _, name_text = label
        name = _is_name_line(name_text)
        if name is None:
            return 0
        cell: CellType | None = None
        required: bool | None = None
        k = i
        for _ in range(4):
            nxt = self._next_filled(k)
            if nxt is None:
                break
            other = _label(self.lines[nxt])
            if other is None or other[1] == "name":
                break
            k = nxt
            side = side or other[0]
            if other[1] == "type":
                cell = parse_type(other[2])
            elif other[1] == "required":
                required = _yes_no(other[2])
        if cell is None or not cell.known:
            return 0
        self._add(
            Param(
                name,
                cell.type,
                required,
                "",
                i + 1,
                side or self.side,
                cell.is_list,
                cell.type_name,
                self.owner,
            )
        )
        return k - i + 1

    # -- bullet lists ---------------------------------------------------------------------

    def _bullet(self, i: int) -> int:
        match = _BULLET.match(self.lines[i])
        if match is None:
            return 0
        indent = len(match.group("indent").replace("\t", "    "))
        while self.bullets and self.bullets[-1][0] >= indent:
            self.bullets.pop()
        found = _bullet_param(match.group("rest"))
        if found is None:
            if indent == 0:
                self.bullets = []
            return 1
        name, cell, required, doc = found
        owner = self.bullets[-1][1] if self.bullets else self.owner
        self._add(
            Param(
                name,
                cell.type,
                required,
                doc,
                i + 1,
                self.side,
                cell.is_list,
                cell.type_name,
                owner,
            )
        )
        self.bullets.append((indent, name))
        return 1


# -- pipe-table helpers -------------------------------------------------------------------

_SEPARATOR_CELL = re.compile(r"^:?\s*[-=—–]{2,}\s*:?$")


def _split_row(line: str, tabbed: bool) -> list[str]:
    if tabbed:
        return [c.strip() for c in line.strip().split("\t")]
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = re.split(r"(?<!\\)\|", text)
    return [c.replace("\\|", "|").strip() for c in cells]


def _is_separator(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


def _segments(
    rows: list[tuple[int, list[str]]],
) -> list[tuple[list[str] | None, list[tuple[int, list[str]]]]]:
    """Split a block of rows into tables: a separator row makes the row above a header."""
    separators = [k for k, (_, cells) in enumerate(rows) if _is_separator(cells)]
    if not separators:
        first = rows[0][1]
        if _header_roles(first):
            return [(first, rows[1:])]
        return [(None, rows)]
    segments: list[tuple[list[str] | None, list[tuple[int, list[str]]]]] = []
    starts = [k - 1 for k in separators if k >= 1]
    if starts and starts[0] > 0:
        segments.append((None, rows[: starts[0]]))
    for n, k in enumerate(separators):
        if k < 1:
            continue
        following = [s for s in separators[n + 1 :] if s >= 1]
        stop = following[0] - 1 if following else len(rows)
        data = [r for r in rows[k + 1 : stop] if not _is_separator(r[1])]
        segments.append((rows[k - 1][1], data))
    return segments


@dataclass(frozen=True)
class _Roles:
    name: int
    type: int | None
    required: int | None
    doc: int | None
    optional_header: bool  # the required column is headed "Optional": yes means optional
    occurs: bool


def _header_role(cell: str) -> tuple[str, int] | None:
    norm = _norm(_plain(cell))
    if not norm:
        return None
    checks: list[tuple[frozenset[str], str, int]] = [
        (_NAME_STRONG, "name", 3),
        (_TYPE_HEADERS, "type", 3),
        (_OCCURS_HEADERS, "occurs", 3),
        (_OPTIONAL_HEADERS, "optional", 3),
        (_REQUIRED_HEADERS, "required", 3),
        (_DOC_HEADERS, "doc", 3),
        (_OTHER_HEADERS, "other", 3),
        (_NAME_WEAK, "name", 2),
    ]
    for words, role, score in checks:
        if norm in words:
            return role, score
    first = norm.split(" ", 1)[0]
    for words, role, score in checks:
        if first in words:
            return role, score - 1
    for words, role, score in checks:
        for word in words:
            if _CJK.search(word) and len(word) > 1 and word in norm:
                return role, score - 1
    return None


def _header_roles(cells: list[str]) -> dict[int, tuple[str, int]]:
    roles = {n: r for n, c in enumerate(cells) if (r := _header_role(c)) is not None}
    kinds = {r for r, _ in roles.values()}
    if "name" in kinds and kinds & {"type", "required", "occurs", "optional"}:
        return roles
    return {}


def _fraction(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _columns(header: list[str] | None, rows: list[list[str]]) -> _Roles | None:
    width = max([len(header or [])] + [len(r) for r in rows])
    if width < 2 or width > 30:
        return None
    named = {n: _header_role(c) for n, c in enumerate(header or [])}
    cols: list[list[str]] = [
        [r[n] for r in rows if n < len(r) and r[n].strip()] for n in range(width)
    ]
    types = [[parse_type(c) for c in col] for col in cols]
    strong = [_fraction([t.strong for t in col]) for col in types]
    typeish = [
        _fraction(
            [
                t.strong or t.is_object or (bool(t.type_name) and _looks_like_type_name(c))
                for t, c in zip(col, cells)
            ]
        )
        for col, cells in zip(types, cols)
    ]
    idents = [_fraction([_name_cell(c) is not None for c in col]) for col in cols]
    answers = [
        _fraction([_yes_no(c) is not None and not parse_type(c).strong for c in col])
        for col in cols
    ]

    def role(n: int) -> str | None:
        found = named.get(n)
        return found[0] if found else None

    def score(n: int) -> int:
        found = named.get(n)
        return found[1] if found else 0

    # the type column: by header when its cells look like types, else by content
    type_col: int | None = None
    by_header = [n for n in range(width) if role(n) == "type" and typeish[n] >= 0.5 and cols[n]]
    if by_header:
        type_col = max(by_header, key=lambda n: (score(n), typeish[n], -n))
    else:
        by_content = [
            n
            for n in range(width)
            if strong[n] >= 0.5 and role(n) not in ("name", "doc", "other") and cols[n]
        ]
        if by_content:
            type_col = max(by_content, key=lambda n: (strong[n], -n))

    # the name column: by header (names before parameters), else the first of identifiers
    name_col: int | None = None
    candidates = [n for n in range(width) if n != type_col and idents[n] >= 0.5]
    headed = [n for n in candidates if role(n) == "name"]
    if headed:
        name_col = max(headed, key=lambda n: (score(n), -n))
    else:
        loose = [
            n
            for n in candidates
            if role(n) not in ("type", "doc", "other", "required", "optional", "occurs")
            and strong[n] < 0.5
            and idents[n] >= 0.6
        ]
        if loose:
            name_col = loose[0]
    if name_col is None:
        return None

    # the required column: by header, else (next to a type column) a column of yes/no words
    req_col: int | None = None
    optional_header = False
    occurs = False
    for n in range(width):
        if n in (name_col, type_col) or role(n) not in ("required", "optional", "occurs"):
            continue
        req_col = n
        optional_header = role(n) == "optional"
        occurs = role(n) == "occurs"
        break
    if req_col is None and type_col is not None:
        for n in range(width):
            if n in (name_col, type_col) or role(n) is not None:
                continue
            if answers[n] >= 0.6 and len(cols[n]) >= max(1, len(rows) // 2):
                req_col = n
                break
    if type_col is None and req_col is None:
        return None

    doc_col = next((n for n in range(width) if role(n) == "doc"), None)
    if doc_col is None:
        free = [
            n
            for n in range(width)
            if n not in (name_col, type_col, req_col) and role(n) is None and cols[n]
        ]
        lengths = {n: sum(len(c) for c in cols[n]) / len(cols[n]) for n in free}
        long_enough = [n for n in free if lengths[n] >= 15]
        if long_enough:
            doc_col = max(long_enough, key=lambda n: lengths[n])
    return _Roles(name_col, type_col, req_col, doc_col, optional_header, occurs)


def _looks_like_type_name(cell: str) -> bool:
    """A named type in a type column: a link to its page, a code span or a capitalised name."""
    if re.search(r"\]\([^)]*\)", cell) or "`" in cell:
        return True
    plain = _plain(cell)
    return bool(plain) and plain[0].isupper()


def _row(
    cells: list[str], roles: _Roles, line: int, side: str | None, owner: str | None
) -> Param | None:
    if roles.name >= len(cells) or _is_separator(cells):
        return None
    found = _name_cell(cells[roles.name])
    if found is None:
        return None
    name, path_owner, required = found
    cell = _NOTHING
    if roles.type is not None and roles.type < len(cells):
        cell = parse_type(cells[roles.type])
    is_list = cell.is_list
    if roles.required is not None and roles.required < len(cells):
        value = cells[roles.required]
        occurs = _occurs(_plain(value))
        if occurs is not None:
            required, many = occurs
            is_list = is_list or many
        else:
            answer = _yes_no(value)
            if answer is not None:
                word = _norm(_plain(value))
                absolute = word.startswith(("required", "optional", "mandatory", "not required"))
                required = (not answer) if roles.optional_header and not absolute else answer
    doc = ""
    if roles.doc is not None and roles.doc < len(cells):
        doc = _plain(cells[roles.doc].replace("<br/>", " ").replace("<br>", " "))
    return Param(
        name,
        cell.type,
        required,
        doc,
        line,
        side,
        is_list,
        cell.type_name,
        path_owner or owner,
    )


# -- block, label and bullet helpers ------------------------------------------------------

_TYPE_SENTENCE = re.compile(
    r"^(?:data\s*type|type|typ|tipo|tipi|tip|тип|类型|型|データ型)\s*(?:is\s*)?[:：]?\s+"
    r"(?P<type>[^\s.,;][^,;]*?)\s*[.。]?$",
    re.I,
)
_REQUIRED_MARKERS = _words(
    "a value is required;value is required;required;mandatory;this value is required;"
    "this field is required;this element is required;this parameter is required;"
    "is required;must be specified;must be provided;",
    "valeur obligatoire;obligatoire;requis;erforderlich;pflichtfeld;obligatorio;requerido;"
    "obrigatorio;zorunlu;zorunlu alan;bu alan zorunludur;обязательный;обязательно;"
    "обязательный параметр;必填;必须;必須",
)
_OPTIONAL_MARKERS = _words(
    "optional;a value is optional;value is optional;not required;may be omitted;"
    "this value is optional;this field is optional;facultatif;optionnel;optional;opcional;"
    "istege bagli;opsiyonel;необязательный;необязательно;可选;选填;任意;省略可",
)
_LIST_MARKERS = _words(
    "multiple values allowed;multiple values are allowed;multiple values permitted;"
    "repeatable;repeating;may repeat;can repeat;may be repeated;can be repeated;zero or more;"
    "one or more;plusieurs valeurs autorisees;mehrere werte erlaubt;"
    "se permiten varios valores;permite varios valores;birden fazla deger;"
    "допускается несколько значений;允许多个值;可多值;複数指定可",
)


def _marker(text: str) -> tuple[str, bool] | None:
    """A marker line of a parameter block: ("required", bool) or ("list", True)."""
    norm = _norm(_plain(text))
    if not norm or len(norm) > 60:
        return None
    if norm in _LIST_MARKERS:
        return "list", True
    if norm in _REQUIRED_MARKERS:
        return "required", True
    if norm in _OPTIONAL_MARKERS:
        return "required", False
    return None


def _heading_is_section(text: str) -> bool:
    """A short line naming a side ("Response Parameters", "Example SOAP request")."""
    heading = _heading(text)
    return heading is not None and heading_side(heading.text) is not None


_LABEL = re.compile(r"^\s*(?P<label>[^\W\d][^:：=|<>]{0,40}?)\s*[:：]\s*(?P<value>\S.*?)\s*$")
_LABEL_FILLERS = frozenset(_words("the;of;a;an;its;des;du;de;der;die;das;el;la;le;o;do;da"))


def _label(line: str) -> tuple[str | None, str, str] | None:
    """`Input parameter type: xsd:string` -> ("request", "type", "xsd:string")."""
    match = _LABEL.match(_plain(line))
    if match is None:
        return None
    norm = _norm(match.group("label"))
    if not norm:
        return None
    side = None
    tokens = norm.split()
    rest: list[str] = []
    for token in tokens:
        if token in _RESPONSE_WORDS:
            side = RESPONSE
        elif token in _REQUEST_WORDS:
            side = REQUEST
        elif token not in _LABEL_FILLERS:
            rest.append(token)
    role_text = " ".join(rest)
    if side is None and not any(t in _PARAMETER_WORDS or t in _NAME_WEAK for t in tokens):
        return None  # "Name: x" alone is prose; a label must name a parameter or a side
    if role_text in _NAME_STRONG or role_text in _NAME_WEAK:
        kind = "name"
    elif role_text in _TYPE_HEADERS:
        kind = "type"
    elif role_text in _REQUIRED_HEADERS:
        kind = "required"
    else:
        return None
    return side, kind, match.group("value")


_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+•●▪◦]|\d{1,2}[.)])[ \t]+(?P<rest>\S.*)$")
_BULLET_NAME = re.compile(
    r"^(?:`(?P<code>[^`]+)`|\*\*(?P<bold>[^*]+?)\*\*|\*(?P<em>[^*]+?)\*|__(?P<under>[^_]+?)__"
    r"|(?P<bare>[^\W\d][\w.\-]*(?=\s*(?:[:：(（\[]|\s[-–—]\s))))"
)
_GROUP = re.compile(r"^\s*[\*_]*\s*[(（\[]\s*[\*_`]*(?P<inner>[^()（）\[\]]+?)[\*_`]*\s*[)）\]]")
_TRAILING_GROUP = re.compile(
    r"[(（\[]\s*[\*_`]*(?P<inner>[^()（）\[\]]+?)[\*_`]*\s*[)）\]]\s*[\*_]*\s*[.。]?\s*$"
)
_SEPARATOR = re.compile(r"^\s*(?:[:：]|[-–—]+|=)\s*")
_LEADING_CODE = re.compile(r"^\s*(?:`(?P<code>[^`]+)`|\*(?P<em>[^*\s][^*]*)\*|_(?P<u>[^_\s]+)_)")


def _group_parts(inner: str) -> tuple[CellType, bool | None] | None:
    """`(integer)`, `(string, required)`, `(optional)`: the type and the required flag."""
    cell = _NOTHING
    required: bool | None = None
    understood = False
    for part in re.split(r"[,;/|、，]", inner):
        part = part.strip()
        if not part:
            continue
        answer = _yes_no(part) if not parse_type(part).strong else None
        if answer is not None and _norm(part) not in ("n", "s", "m", "x", "y"):
            required = answer
            understood = True
            continue
        parsed = parse_type(part)
        if parsed.strong or parsed.is_object or (parsed.type_name and not cell.known):
            if parsed.strong or parsed.is_object or _looks_like_type_name(part):
                if not cell.known or not cell.strong:
                    cell = parsed
                understood = True
                continue
        return None  # prose in brackets: "(say, no more than 1000)"
    return (cell, required) if understood else None


def _bullet_param(rest: str) -> tuple[str, CellType, bool | None, str] | None:
    """`` `siteId` - the site *(integer)* `` -> ("siteId", int, None, "the site")."""
    match = _BULLET_NAME.match(rest)
    if match is None:
        return None
    raw_name = next(g for g in match.groups() if g is not None)
    name = _is_name_line(raw_name.strip().rstrip(":："))
    if name is None:
        return None
    tail = rest[match.end() :].lstrip("*_ ").lstrip(":：").strip()
    cell = _NOTHING
    required: bool | None = None
    group = _GROUP.match(tail)
    if group:
        parts = _group_parts(group.group("inner"))
        if parts is not None:
            cell, required = parts
            tail = tail[group.end() :].lstrip("*_ ")
    tail = _SEPARATOR.sub("", tail, count=1)
    if not cell.known:
        code = _LEADING_CODE.match(tail)
        if code:
            parsed = parse_type(code.group("code") or code.group("em") or code.group("u") or "")
            if parsed.strong:
                cell = parsed
                tail = _SEPARATOR.sub("", tail[code.end() :], count=1)
    trailing = _TRAILING_GROUP.search(tail)
    if trailing:
        parts = _group_parts(trailing.group("inner"))
        if parts is not None:
            if not cell.known:
                cell = parts[0]
            if required is None:
                required = parts[1]
            tail = tail[: trailing.start()]
    if not cell.known:
        return None  # a name and prose, no type: not a parameter list
    doc = _plain(tail).strip(" -–—:*_")
    return name, cell, required, doc
