"""Parameter tables of documentation pages: the strongest evidence a page gives about a field.

Layouts are recognised by the rules of their families, never by one page's wording:

* pipe tables (Markdown, ServiceStack metadata, Confluence copies) and tab-separated tables:
  the name, type, required and description columns are found by their header words in
  several languages, and by content when the header is unknown or missing (the type column
  is the one whose cells read as type names, the required column one of yes/no words);
* parameter blocks: a name line, a type line (`nonNegativeInteger`, or `Type X.`), then
  markers ("A value is required", "Multiple values allowed") and a description in any
  order (Convio / Luminate and Blackbaud reference pages);
* bullet lists that give a type: "- `siteId` - the site *(integer)*",
  "* **id** (string, required): ..."; a nested bullet belongs to the one above it.  Bullets
  with no type ("* **connection:** The connection to save.") are prose, not parameters;
* labelled lines: "Input parameter name: x" followed by "Input parameter type: xsd:string".

Each parameter belongs to the request or the response after the nearest heading before it
that says which (English, German, French, Spanish, Portuguese, Turkish, Russian, Chinese,
Japanese); one with no such heading counts for both, except that among side-less tables
the later ones speak for the response first, as pages list the request before the response.

Type cells are read through their decoration: Markdown emphasis, links and code spans,
`xsd:` prefixes, lengths (`String(16)`, `Double(9,3)`), .NET / Java / SQL names (`Int64`,
`DateTime`, `byte[]`) and list markers (`List`, `List<X>`, `X[]`, `X array`, `ArrayOfX`),
whose list-ness is reported beside the item type.

Text in, tables out: a page that shows no table gives empty tables, and no page makes the
reader fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import MS_TYPES, QName, xs
from ..xsdtypes import BUILTINS
from .page_samples import placeholder_type
from .type_builder import Table, TableEntry

REQUEST = "request"
RESPONSE = "response"

# Descriptions of pipe-table rows reach `Param.doc`; with this set they also reach
# `TableEntry.doc` (field docstrings).  Off for now: it changes existing golden output.
TABLE_DOCS = False

_MAX_LINE = 4000  # longer lines are prose or collapsed XML: no layout here reads them


# -- text helpers -------------------------------------------------------------------------


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    """Fold a word for vocabulary matching: no case, no accents, no punctuation."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


# HTML tags only: `List<string>` and `Dictionary<string, int>` keep their arguments.
_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|code|span|font|p|div|br|sup|sub|small|tt|kbd|var|pre|td|th|tr"
    r"|li|ul|ol|img|abbr|mark|s|del|ins|nobr|wbr)\b[^<>]{0,300}>",
    re.I,
)
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(?=\S)([^*\n]{0,200}?)(?<=\S)\1(?!\w)")
_CODE = re.compile(r"(`+)([^`]+?)\1(?!`)")
_BREAK = re.compile(r"<br\s*/?>", re.I)


def _plain(text: str) -> str:
    """Text without HTML tags, Markdown links, emphasis and code spans; spaces collapsed."""
    if "<" in text:
        text = _TAG.sub(" ", _BREAK.sub(" ", text))
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


_IDENT = re.compile(r"[^\W\d][\w.\-]*")
_PATH_SPLIT = re.compile(r"\s*(?:/|\\|\u2192|->|>|\.)\s*")
_FENCE = re.compile(r"^\s*(```|~~~)")
_NAME_TRAILER = re.compile(
    r"^(?P<name>.*?)\s*(?:\((?P<a>[^()]*)\)|（(?P<b>[^（）]*)）|(?P<star>\*))$"
)


def _name_cell(cell: str) -> tuple[str, str | None, bool | None] | None:
    """The parameter a name cell names: (name, owner from a path, required marker).

    Reads `**x**`, `` `x` ``, `[x](x.md)`, `<a name=".."></a>x`, `a/b/@x`, `a.b.x`, `x *`
    and `x (required)`.
    """
    text = _plain(cell).strip(" :：")
    required: bool | None = None
    trailer = _NAME_TRAILER.match(text)
    if trailer and trailer.group("name"):
        if trailer.group("star"):
            required = True
        else:
            required = _yes_no(trailer.group("a") or trailer.group("b") or "")
            if required is None:
                return None  # "x (see below)": prose, not a name
        text = trailer.group("name").strip()
    if not text or len(text) > 120 or " " in text:
        return None
    parts = [p.lstrip("@") for p in _PATH_SPLIT.split(text) if p]
    if not parts or not all(_IDENT.fullmatch(p) for p in parts):
        return None
    return parts[-1], (parts[-2] if len(parts) > 1 else None), required


def _name_line(line: str) -> str | None:
    """A line that is only an identifier (perhaps in code or bold): a parameter's name."""
    if len(line) > 200:
        return None
    text = _plain(line).strip(" :：")
    return text if text and len(text) <= 80 and _IDENT.fullmatch(text) else None


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


_NOTHING = CellType()
# Builtins named by common words: read as types, but no evidence that a column holds types.
_RARE_BUILTINS = frozenset(
    "Name NCName ID IDREF IDREFS ENTITY ENTITIES NOTATION NMTOKEN NMTOKENS token language "
    "QName anySimpleType".split()
)
_BUILTIN_BY_FOLDED = {n.casefold(): n for n in BUILTINS if n not in _RARE_BUILTINS}


def _alias_table(groups: dict[str, str]) -> dict[str, str]:
    return {
        _norm(word).replace(" ", ""): target
        for target, words in groups.items()
        for word in words.split()
    }


# Names documentation gives builtins (.NET, Java, SQL, natural languages), folded by
# `_norm` without spaces.  Checked before XSD names: in a documentation table `integer` and
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
    cell = _plain(text).strip(" .,;:")
    if not cell or len(cell) > 80:
        return _NOTHING
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
        return _NOTHING
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
    elif _norm(cell).replace(" ", "") in _LIST_WORDS:
        return CellType(is_list=True)
    if inner is None:
        return _leaf(cell)
    inner = inner.strip()
    if _norm(inner) in _BYTE_WORDS:
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
        return _NOTHING
    if xsd := _XSD_PREFIX.match(text):
        local = text[xsd.end() :].strip()
        found = placeholder_type(local)
        if found is None and local.casefold() in _BUILTIN_BY_FOLDED:
            found = xs(_BUILTIN_BY_FOLDED[local.casefold()])
        if found is not None:
            return CellType(found)
        return CellType(type_name=local) if _IDENT.fullmatch(local) else _NOTHING
    if text not in ("integer", "byte"):
        found = placeholder_type(text)  # exact XSD names (`nonNegativeInteger`), `q1:QName`
        if found is not None:
            return CellType(found)
    if prefixed := _PREFIX.match(text):
        text = text[prefixed.end() :]
    if "." in text and _IDENT.fullmatch(text):  # System.Int32, java.lang.String
        text = text.rsplit(".", 1)[-1]
    if sized := _SIZE.match(text):
        text = sized.group("base").strip()
        if _norm(text) in ("char", "character", "nchar"):
            return CellType(xs("string"))  # CHAR(n): n characters
    if not _WORDY.fullmatch(text):
        return _NOTHING  # punctuation left over: "```xml", "a/b", "x = 1"
    key = _norm(text).replace(" ", "")
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
        return _NOTHING
    if _IDENT.fullmatch(text) and len(text) <= 60:
        return CellType(type_name=text)
    return _NOTHING


# -- vocabulary ---------------------------------------------------------------------------


class _Vocab(frozenset[str]):
    """Folded words and phrases; `found_in` looks for any of them inside a folded text."""

    tokens: frozenset[str]
    phrases: tuple[str, ...]
    cjk: tuple[str, ...]  # written without spaces: found as substrings

    def found_in(self, norm: str) -> bool:
        if self.cjk and _CJK.search(norm) and any(w in norm for w in self.cjk):
            return True
        if not self.tokens.isdisjoint(norm.split()):
            return True
        padded = f" {norm} "
        return any(f" {phrase} " in padded for phrase in self.phrases)


def _words(*groups: str) -> _Vocab:
    vocab = _Vocab(_norm(w) for group in groups for w in group.split(";") if _norm(w))
    vocab.cjk = tuple(w for w in vocab if _CJK.search(w))
    vocab.tokens = frozenset(w for w in vocab if " " not in w and w not in vocab.cjk)
    vocab.phrases = tuple(w for w in vocab if " " in w and w not in vocab.cjk)
    return vocab


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
    "parametro;campo;elemento;propiedad;atributo;parametre;champ;propriete;attribut;"
    "propriedade;feld;eigenschaft;alan;eleman;oge;ozellik;",
    "параметр;поле;элемент;атрибут;свойство;",
    "参数;字段;元素;属性;节点;パラメータ;パラメーター;項目;要素;フィールド;引数",
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
    "required;is required;mandatory;req;obligatory;must;needed;required optional;"
    "required or optional;mandatory optional;m o;use;usage;",
    "requerido;obligatorio;necesario;obrigatorio;requis;obligatoire;erforderlich;pflicht;"
    "pflichtfeld;pflichtangabe;muss;zorunlu;zorunlu mu;zorunluluk;gerekli;",
    "обязательный;обязательное;обязательность;обязательно;обяз;",
    "必填;是否必填;必须;是否必须;必选;必需;是否必需;必須;必須項目;必須区分",
)
_OPTIONAL_HEADERS = _words(
    "optional;is optional;nillable;opcional;facultatif;optionnel;opsiyonel;istege bagli;"
    "необязательный;可选;是否可选;任意;省略可",
)
_OCCURS_HEADERS = _words(
    "occurrences;occurrence;occurs;occurence;cardinality;multiplicity;min occurs;minoccurs;"
    "min max;card;ocorrencias;ocurrencias;cardinalite;kardinalitat;kardinalite;кратность;"
    "出现次数;多重度;繰り返し",
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
    "yes;y;true;required;req;mandatory;must;x;yes required;is required;",
    "evet;oui;si;sim;ja;s;m;да;д;是;必填;必须;必需;必选;必要;はい;必須;要;",
    "requerido;obligatorio;obrigatorio;requis;obligatoire;erforderlich;pflicht;zorunlu;"
    "gerekli;обязательно;обязательный;обязательное;обяз",
)
_NO = _words(
    "no;n;false;optional;opt;not required;",
    "hayir;non;nein;nao;нет;н;否;不;不必填;非必填;可选;选填;いいえ;任意;省略可;不要;",
    "facultatif;facultativo;optionnel;opcional;optativo;istege bagli;opsiyonel;"
    "zorunlu degil;необязательно;необязательный;необязательное;nicht erforderlich",
)
_YES_SYMBOLS = frozenset("✓✔☑√○◯〇●")
_NO_SYMBOLS = frozenset("✗✘×╳")
_ONE_LETTER = frozenset(("y", "n", "s", "m", "x", "д", "н"))  # answers only in a column
_ABSOLUTE = ("required", "optional", "mandatory", "not required")
_OCCURS = re.compile(
    r"^\[?\s*(?P<min>\d{1,4})\s*(?:(?:\.\.|…|-|–|to|,)\s*(?P<max>\d{1,6}|\*|n|m|unbounded"
    r"|many|inf|infinity|∞))?\s*\]?$",
    re.I,
)


def _yes_no(text: str) -> bool | None:
    """Yes/no words in several languages, `required`/`optional`, check marks, occurrences."""
    raw = _plain(text)
    if not raw or len(raw) > 100:  # an answer is short; a long cell is a description
        return None
    if raw[0] in _NO_SYMBOLS:
        return False
    if raw[0] in _YES_SYMBOLS:
        return True
    occurs = _occurs(raw)
    if occurs is not None:
        return occurs[0]
    for candidate in (raw, re.split(r"[(\[（,;:.\-–—/!]", raw, maxsplit=1)[0]):
        word = _norm(candidate)
        if word in _YES:
            return True
        if word in _NO:
            return False
    first = _norm(raw).split(" ", 1)[0] if _norm(raw) else ""
    if first in _ONE_LETTER:
        return None  # "Y axis", "N/A": not an answer
    if first in _YES:
        return True
    if first in _NO:
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
    return low >= 1, not high.isdigit() or int(high) > 1


# -- headings: which side a table belongs to ----------------------------------------------

_RESPONSE_WORDS = _words(
    "response;responses;output;outputs;returns;return;returned;return value;return values;"
    "result;results;reply;",
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
# Weak request words: "Response Parameters" is the response's.
_PARAMETER_WORDS = _words(
    "parameters;parameter;params;arguments;",
    "parametres;parametros;parametre;parametreler;parametreleri;parametresi;",
    "параметры;параметров;参数;パラメータ;パラメーター;引数",
)
_EXAMPLE_WORDS = _words(
    "example;examples;sample;beispiel;exemple;ejemplo;exemplo;ornek;пример;示例;例",
)


def _has_word(words: _Vocab, norm: str) -> bool:
    return words.found_in(norm)


_CAMEL_TAIL = re.compile(
    r"(?<=[a-z0-9])(?P<tail>Request|Response|Result|Input|Output|Reply)(?![a-z])"
)


def heading_side(text: str) -> str | None:
    """The side a heading names: REQUEST, RESPONSE, or None (neither, or both)."""
    plain = _plain(text)
    # A message name (`GetOrderResponse Parameters`) names its side by its last word.
    plain = _CAMEL_TAIL.sub(lambda m: f"{m.group(0)} {m.group('tail')}", plain)
    norm = _norm(plain)
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


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(?P<text>.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_].{0,100}?)(\*\*|__)\s*[:：]?\s*$")
_RULE_HEADING = re.compile(r"^\s*={2,}\s*(?P<text>[^=]*?)\s*=*\s*$")
_CODE_NAME = re.compile(r"`(?P<code>[^`\s]+)`|(?<![\w.])(?P<word>[^\W\d][\w]*)")
_SENTENCE_END = (".", ",", ";", "。", "，", "!", "?", "…", "？")


@dataclass(frozen=True)
class _Heading:
    text: str
    strong: bool  # Markdown, a bold line or a `===` separator: it may name an owner


def _heading(line: str) -> _Heading | None:
    if len(line) > 200:
        return None
    for pattern in (_MD_HEADING, _BOLD_LINE, _RULE_HEADING):
        match = pattern.match(line)
        if match and match.group("text").strip():
            return _Heading(match.group("text"), True)
    text = line.strip().rstrip(":：")
    if (
        not text
        or len(text) > 60
        or len(text.split()) > 8
        or text.endswith(_SENTENCE_END)
        or text[0] in "-*+•<|>{}[(\"'"
        or any(c in text for c in "<>|={}:：")
    ):
        return None
    return _Heading(text, False)


def _is_section_title(text: str) -> bool:
    """A line that opens a new part of the page ("Response Parameters", "Example request")."""
    heading = _heading(text)
    if heading is None:
        return False
    if heading.strong:
        return True
    norm = _norm(_plain(heading.text))
    return heading_side(heading.text) is not None and (
        len(norm.split()) <= 3
        or _has_word(_PARAMETER_WORDS, norm)
        or _has_word(_EXAMPLE_WORDS, norm)
    )


def _owner_of(heading: _Heading) -> str | None:
    """A code-like name in a Markdown heading (`PieceDetail Object`): the type it describes."""
    if not heading.strong or heading_side(heading.text):
        return None
    for match in _CODE_NAME.finditer(_TAG.sub(" ", heading.text)):
        code, word = match.group("code"), match.group("word")
        if code and _IDENT.fullmatch(code):
            return code
        if word and re.search(r"[a-z0-9][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]", word):
            return word
    return None


# -- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One parameter as a page documents it."""

    name: str
    type: QName | None  # the builtin leaf type (the item type of a list), if the page says
    required: bool | None
    doc: str
    line: int  # 1-based line of the page
    side: str | None = None  # REQUEST, RESPONSE, or None: the page does not say
    is_list: bool = False  # many values: the element repeats, or it wraps repeated items
    type_name: str | None = None  # a named non-builtin type the page gives (`CustomerRole`)
    owner: str | None = None  # the element or type it belongs to, when the page shows nesting
    layout: str = "block"  # "table", "block", "bullet" or "label"

    def entry(self) -> TableEntry:
        doc = self.doc if TABLE_DOCS or self.layout != "table" else ""
        return TableEntry(self.type, self.required, doc, self.line)


@dataclass
class PageTables:
    """What a page documents about its parameters, per side.

    `request` / `response` map an element's local name to what the page says of it;
    `request_lists` / `response_lists` hold the names a page marks as holding many values
    (`List`, `X[]`, "Multiple values allowed", occurrences `0..n`); `params` keeps every
    parameter read, in page order, with the owner that headings or nesting gave it.
    """

    request: Table
    response: Table
    request_lists: set[str] = field(default_factory=set)
    response_lists: set[str] = field(default_factory=set)
    params: list[Param] = field(default_factory=list)

    def lists(self, side: str) -> set[str]:
        return self.response_lists if side == RESPONSE else self.request_lists

    def owned(self, owner: str) -> Table:
        """Entries of the parameters listed under `owner` (a heading, a parent bullet, a path)."""
        table: Table = {}
        for param in self.params:
            if param.owner == owner:
                table.setdefault(param.name, param.entry())
        return table


# -- the reader ---------------------------------------------------------------------------


def read_tables(text: str) -> PageTables:
    """Read every parameter table, block, list and labelled line of a (cleaned) page."""
    reader = _Reader(text.split("\n"))
    reader.run()
    return _assemble(reader.params)


def _assemble(params: list[Param]) -> PageTables:
    tables = PageTables({}, {}, params=list(params))

    def ranked(side: str) -> Iterable[Param]:
        sided = [p for p in params if p.side == side]
        sideless = [p for p in params if p.side is None]
        if side == RESPONSE:
            sideless.reverse()  # the later of two side-less tables is the response's
        # Stable sorts: what a side's own table says first, then parameters with no owner.
        return sorted(sided, key=lambda p: p.owner is not None) + sorted(
            sideless, key=lambda p: p.owner is not None
        )

    for side, table, lists in (
        (REQUEST, tables.request, tables.request_lists),
        (RESPONSE, tables.response, tables.response_lists),
    ):
        for param in ranked(side):
            if param.name not in table:
                table[param.name] = param.entry()
                if param.is_list:
                    lists.add(param.name)
    return tables


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.params: list[Param] = []
        self.side: str | None = None
        self.owner: str | None = None
        self.bullets: list[tuple[int, str]] = []  # (indent, name) of the open parent bullets
        self._heads: dict[int, tuple[str, CellType, int] | None] = {}

    def run(self) -> None:
        lines = self.lines
        fence: str | None = None
        no_table_until = -1
        i = 0
        while i < len(lines):
            raw = lines[i]
            line = raw.strip()
            opening = _FENCE.match(raw)
            if fence is not None:  # code: samples and snippets, never parameter lists
                if (opening and opening.group(1) == fence) or line.endswith(fence):
                    fence = None
                i += 1
                continue
            if opening:
                fence = opening.group(1)
                if line.count(fence) >= 2 and len(line) > 6:
                    fence = None  # ```one line```
                i += 1
                continue
            if not line or len(line) > _MAX_LINE:
                i += 1
                continue
            if i > no_table_until and ("|" in line or "\t" in line):
                end = self._table_block(i)
                if end > i:
                    i = end
                    continue
                no_table_until = self._block_end(i)
            if line.startswith("<") and not line.lower().startswith("<a "):
                i += 1
                continue
            step = self._bullet(i) or self._param_block(i) or self._labelled(i) or self._heading(i)
            i += step or 1

    # -- headings -------------------------------------------------------------------------

    def _heading(self, i: int) -> int:
        heading = _heading(self.lines[i])
        if heading is None:
            if not self.lines[i][:1].isspace():
                self.bullets = []  # prose ends a bullet list
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
        tabbed = "|" not in self.lines[start]
        end = start
        while end + 1 < len(self.lines):
            nxt = self.lines[end + 1]
            if not nxt.strip() or _FENCE.match(nxt) or len(nxt) > _MAX_LINE:
                break
            if tabbed and "\t" not in nxt.strip():
                break
            if not tabbed and "|" not in nxt and not _GRID_RULE.match(nxt.strip()):
                break
            end += 1
        return end

    def _table_block(self, start: int) -> int:
        """Read the tables of the block at `start`: the index after it, or `start` if none."""
        end = self._block_end(start)
        tabbed = "|" not in self.lines[start]
        if tabbed and end == start:
            return start
        rows = [(n + 1, _split_row(self.lines[n], tabbed)) for n in range(start, end + 1)]
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
                self.params.append(param)
                read = True
        return read

    # -- parameter blocks (Convio, Blackbaud) ---------------------------------------------

    def _next_filled(self, i: int, blanks: int = 2) -> int | None:
        """The next non-blank line after `i`, skipping at most `blanks` blank lines."""
        j = i + 1
        while j < len(self.lines) and not self.lines[j].strip():
            if j - i > blanks:
                return None
            j += 1
        return j if j < len(self.lines) else None

    def _marker_follows(self, j: int, lines: int = 2) -> bool:
        k: int | None = j
        for _ in range(lines):
            k = self._next_filled(k) if k is not None else None
            if k is None:
                return False
            if _marker(self.lines[k]) is not None:
                return True
        return False

    def _block_head(self, i: int) -> tuple[str, CellType, int] | None:
        """A name line followed by a type line: (name, type, index of the type line)."""
        if i not in self._heads:
            self._heads[i] = self._find_block_head(i)
        return self._heads[i]

    def _find_block_head(self, i: int) -> tuple[str, CellType, int] | None:
        name = _name_line(self.lines[i])
        if name is None or self.lines[i].rstrip().endswith((":", "：")):
            return None  # "Response:" is a label, not a parameter's name
        j = self._next_filled(i)
        if j is None:
            return None
        type_line = self.lines[j].strip()
        if len(type_line) > 100 or _FENCE.match(type_line) or type_line.endswith((":", "：")):
            return None
        sentence = _TYPE_SENTENCE.match(_plain(type_line))
        if sentence:
            cell = parse_type(sentence.group("type"))
            return (name, cell, j) if cell.known else None
        if len(type_line.split()) > 3 or _marker(type_line) is not None:
            return None
        cell = parse_type(type_line)
        if cell.strong:
            return name, cell, j
        if (cell.type_name or cell.is_object) and _name_line(type_line) and self._marker_follows(j):
            return name, cell, j  # a named type (`Record`), as the marker lines confirm
        return None

    def _param_block(self, i: int) -> int:
        head = self._block_head(i)
        if head is None:
            return 0
        name, cell, k = head
        required: bool | None = None
        is_list = cell.is_list
        doc = ""
        while (nxt := self._next_filled(k)) is not None:
            text = self.lines[nxt].strip()
            if text.startswith(("<", "|")) or self._block_head(nxt) is not None:
                break
            mark = _marker(text)
            if mark is not None:
                if mark[0] == "required":
                    required = mark[1]
                else:
                    is_list = True
                k = nxt
                continue
            if doc or _is_section_title(text) or _BULLET.match(self.lines[nxt]):
                break
            doc = _plain(text)
            k = nxt
        self.params.append(
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
                "block",
            )
        )
        return k - i + 1

    # -- labelled lines ("Input parameter name: x") ---------------------------------------

    def _labelled(self, i: int) -> int:
        label = _label(self.lines[i])
        if label is None or label[1] != "name":
            return 0
        side = label[0]
        name = _name_line(label[2])
        if name is None:
            return 0
        cell: CellType | None = None
        required: bool | None = None
        k = i
        for _ in range(4):
            nxt = self._next_filled(k)
            other = _label(self.lines[nxt]) if nxt is not None else None
            if nxt is None or other is None or other[1] == "name":
                break
            k = nxt
            side = side or other[0]
            if other[1] == "type":
                cell = parse_type(other[2])
            else:
                required = _yes_no(other[2])
        if cell is None or not cell.known:
            return 0
        self.params.append(
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
                "label",
            )
        )
        return k - i + 1

    # -- bullet lists ---------------------------------------------------------------------

    def _bullet(self, i: int) -> int:
        match = _BULLET.match(self.lines[i])
        if match is None:
            return self._definition(i)
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
        self.params.append(
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
                "bullet",
            )
        )
        self.bullets.append((indent, name))
        return 1

    def _definition(self, i: int) -> int:
        """A line that starts with a name and its type in brackets, with no bullet before it."""
        line = self.lines[i]
        if len(line) > 400:
            return 0
        found = _bullet_param(line.strip(), leading_only=True)
        if found is None:
            return 0
        name, cell, required, doc = found
        self.params.append(
            Param(
                name,
                cell.type,
                required,
                doc,
                i + 1,
                self.side,
                cell.is_list,
                cell.type_name,
                self.owner,
                "bullet",
            )
        )
        return 1


# -- pipe-table helpers -------------------------------------------------------------------

_GRID_RULE = re.compile(r"^\+[-=+: ]*[-=]\+$")
_SEPARATOR_CELL = re.compile(r"^:?\s*[-=—–]{2,}\s*:?$")


def _split_row(line: str, tabbed: bool) -> list[str]:
    text = line.strip()
    if tabbed:
        return [c.strip() for c in text.split("\t")]
    if _GRID_RULE.match(text):  # reStructuredText: `+===+` under the header, `+---+` between
        return ["---"] if "=" in text else []
    if text.startswith("||"):  # Confluence wiki header row: ||Name||Type||
        return [c.strip() for c in text.strip("|").split("||")]
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", text)]


def _is_separator(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


_Rows = list[tuple[int, list[str]]]


def _segments(rows: _Rows) -> list[tuple[list[str] | None, _Rows]]:
    """Split a block of rows into tables: the row above each separator row is a header."""
    rows = [r for r in rows if r[1]]  # grid rules between rows
    if not rows:
        return []
    separators = [k for k, (_, cells) in enumerate(rows) if k >= 1 and _is_separator(cells)]
    if not separators:
        rows = [r for r in rows if not _is_separator(r[1])]
        if rows and _header_roles(rows[0][1]):
            return [(rows[0][1], rows[1:])]
        return [(None, rows)]
    segments: list[tuple[list[str] | None, _Rows]] = []
    if separators[0] > 1:
        segments.append((None, rows[: separators[0] - 1]))
    for n, k in enumerate(separators):
        stop = separators[n + 1] - 1 if n + 1 < len(separators) else len(rows)
        data = [r for r in rows[k + 1 : stop] if not _is_separator(r[1])]
        segments.append((rows[k - 1][1], data))
    return segments


@dataclass(frozen=True)
class _Roles:
    name: int
    type: int | None
    required: int | None
    doc: int | None
    inverted: bool  # the required column is headed "Optional": yes means optional


_HEADER_CHECKS: tuple[tuple[_Vocab, str, int], ...] = (
    (_NAME_STRONG, "name", 3),
    (_TYPE_HEADERS, "type", 3),
    (_OCCURS_HEADERS, "occurs", 3),
    (_OPTIONAL_HEADERS, "optional", 3),
    (_REQUIRED_HEADERS, "required", 3),
    (_DOC_HEADERS, "doc", 3),
    (_OTHER_HEADERS, "other", 3),
    (_NAME_WEAK, "name", 2),
)


def _header_role(cell: str) -> tuple[str, int] | None:
    """What a header cell names, and how surely: an exact word, its first word, a CJK part."""
    if len(cell) > 100:
        return None
    norm = _norm(_plain(cell))
    if not norm:
        return None
    for words, role, score in _HEADER_CHECKS:
        if norm in words:
            return role, score
    first = norm.split(" ", 1)[0]
    for words, role, score in _HEADER_CHECKS:
        if first in words:
            return role, score - 1
    if _CJK.search(norm):
        for words, role, score in _HEADER_CHECKS:
            if any(len(w) > 1 and w in norm for w in words.cjk):
                return role, score - 1
    return None


def _header_roles(cells: list[str]) -> dict[int, tuple[str, int]]:
    """Roles of a header row with no separator below it, if it names a table of parameters."""
    roles = {n: r for n, c in enumerate(cells) if (r := _header_role(c)) is not None}
    kinds = {r for r, _ in roles.values()}
    if "name" in kinds and kinds & {"type", "required", "occurs", "optional"}:
        return roles
    return {}


def _fraction(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _looks_like_type_name(cell: str) -> bool:
    """A named type in a type cell: a link to its page, a code span or a capitalised name."""
    if _marked(cell):
        return True
    plain = _plain(cell)
    return bool(plain) and plain[0].isupper()


def _marked(cell: str) -> bool:
    """A link to a page or a code span: how prose marks a named type."""
    return bool(re.search(r"\]\([^)]*\)", cell)) or "`" in cell


def _is_answer(cell: str) -> bool:
    """A yes/no word (not a number: a column of numbers is no required column)."""
    plain = _plain(cell)
    return _yes_no(plain) is not None and _occurs(plain) is None and not parse_type(plain).strong


def _columns(header: list[str] | None, rows: list[list[str]]) -> _Roles | None:
    width = max([len(header or [])] + [len(r) for r in rows])
    if width < 2 or width > 30:
        return None
    named = {n: r for n, c in enumerate(header or []) if (r := _header_role(c)) is not None}
    cols = [[r[n] for r in rows if n < len(r) and r[n].strip()] for n in range(width)]
    types = [[parse_type(c) for c in col] for col in cols]
    strong = [_fraction([t.strong for t in col]) for col in types]
    typeish = [
        _fraction(
            [
                t.strong or t.is_object or (bool(t.type_name) and _looks_like_type_name(c))
                for t, c in zip(col, cells, strict=True)
            ]
        )
        for col, cells in zip(types, cols, strict=True)
    ]
    idents = [_fraction([_name_cell(c) is not None for c in col]) for col in cols]

    def role(n: int) -> str | None:
        return named[n][0] if n in named else None

    def score(n: int) -> int:
        return named[n][1] if n in named else 0

    # The type column: by header when its cells look like types, else by content.
    type_col: int | None = None
    headed = [n for n in range(width) if role(n) == "type" and cols[n] and typeish[n] >= 0.5]
    if headed:
        type_col = max(headed, key=lambda n: (score(n), typeish[n], -n))
    else:
        content = [
            n
            for n in range(width)
            if cols[n] and strong[n] >= 0.5 and role(n) not in ("name", "doc", "other")
        ]
        if content:
            type_col = max(content, key=lambda n: (strong[n], -n))

    # The name column: by header ("Name" before "Parameter"), else the first of identifiers.
    name_col: int | None = None
    candidates = [n for n in range(width) if n != type_col and cols[n] and idents[n] >= 0.5]
    by_header = [n for n in candidates if role(n) == "name"]
    if by_header:
        name_col = max(by_header, key=lambda n: (score(n), -n))
    else:
        loose = [n for n in candidates if role(n) is None and strong[n] < 0.5 and idents[n] >= 0.6]
        name_col = loose[0] if loose else None
    if name_col is None:
        return None

    # The required column: by header, else (beside a type column) one of yes/no words.
    req_col: int | None = None
    inverted = False
    for n in range(width):
        if n not in (name_col, type_col) and role(n) in ("required", "optional", "occurs"):
            req_col, inverted = n, role(n) == "optional"
            break
    if req_col is None and type_col is not None:
        for n in range(width):
            if n in (name_col, type_col) or role(n) is not None or not cols[n]:
                continue
            if _fraction([_is_answer(c) for c in cols[n]]) >= 0.6 and 2 * len(cols[n]) >= len(rows):
                req_col = n
                break
    if type_col is None and req_col is None:
        return None

    doc_col = next((n for n in range(width) if role(n) == "doc"), None)
    if doc_col is None:
        free = [n for n in range(width) if n not in (name_col, type_col, req_col)]
        lengths = {
            n: sum(map(len, cols[n])) / len(cols[n]) for n in free if role(n) is None and cols[n]
        }
        long_enough = [n for n, size in lengths.items() if size >= 15]
        doc_col = max(long_enough, key=lambda n: lengths[n]) if long_enough else None
    return _Roles(name_col, type_col, req_col, doc_col, inverted)


def _row(
    cells: list[str], roles: _Roles, line: int, side: str | None, owner: str | None
) -> Param | None:
    if roles.name >= len(cells):
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
        value = _plain(cells[roles.required])
        occurs = _occurs(value)
        if occurs is not None:
            required, many = occurs
            is_list = is_list or many
        else:
            answer = _yes_no(value)
            if answer is not None:
                absolute = _norm(value).startswith(_ABSOLUTE)
                required = (not answer) if roles.inverted and not absolute else answer
    doc = ""
    if roles.doc is not None and roles.doc < len(cells):
        doc = _plain(cells[roles.doc])
    if not (cell.known or required is not None or doc):
        return None  # a name alone (a ragged row) says nothing
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
        "table",
    )


# -- block, label and bullet helpers ------------------------------------------------------

_TYPE_SENTENCE = re.compile(
    r"^(?:data\s*type|type|typ|tipo|tipi|tip|тип|类型|型|データ型)\s*(?:is\s+)?[:：]?\s*"
    r"(?P<type>[^\s.,;:：][^,;]{0,60}?)\s*[.。]?$",
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
    "this value is optional;this field is optional;facultatif;optionnel;opcional;"
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
    if len(text) > 120:
        return None
    norm = _norm(_plain(text))
    if norm in _LIST_MARKERS:
        return "list", True
    if norm in _REQUIRED_MARKERS:
        return "required", True
    if norm in _OPTIONAL_MARKERS:
        return "required", False
    return None


_LABEL = re.compile(r"^\s*(?P<label>[^\W\d][^:：=|<>]{0,40}?)\s*[:：]\s*(?P<value>\S.{0,200}?)\s*$")


def _label(line: str) -> tuple[str | None, str, str] | None:
    """`Input parameter type: xsd:string` -> (REQUEST, "type", "xsd:string")."""
    if len(line) > 300:
        return None
    match = _LABEL.match(_plain(line))
    if match is None:
        return None
    side: str | None = None
    named_parameter = False
    rest: list[str] = []
    for token in _norm(match.group("label")).split():
        if token in _RESPONSE_WORDS:
            side = RESPONSE
        elif token in _REQUEST_WORDS:
            side = REQUEST
        else:
            named_parameter = named_parameter or token in _PARAMETER_WORDS or token in _NAME_WEAK
            rest.append(token)
    if side is None and not named_parameter:
        return None  # "Name: x" alone is prose; a label names a parameter or a side
    role_text = " ".join(rest)
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
    r"|(?P<bare>[^\W\d][\w.\-]*)(?=\s*(?:[:：(（\[]|\s[-–—]\s)))"
)
_GROUP = re.compile(r"^[\s*_]*[(（\[]\s*[*_`]*(?P<inner>[^()（）\[\]]{1,80}?)[*_`]*\s*[)）\]]")
_TRAILING_GROUP = re.compile(
    r"[(（\[]\s*[*_`]*(?P<inner>[^()（）\[\]]{1,80}?)[*_`]*\s*[)）\]][\s*_]*[.。]?\s*$"
)
_DASH = re.compile(r"^\s*(?:[:：]|[-–—]+|=)\s*")
_LEADING_CODE = re.compile(
    r"^\s*(?:`(?P<code>[^`]+)`|\*(?P<em>[^*\s()][^*()]*)\*|_(?P<u>[^_\s]+)_)"
)


def _group_parts(inner: str) -> tuple[CellType, bool | None] | None:
    """`(integer)`, `(string, required)`, `(optional)`: a type and a required flag."""
    cell = _NOTHING
    required: bool | None = None
    for part in re.split(r"[,;/|、，]", inner):
        part = part.strip()
        if not part:
            continue
        parsed = parse_type(part)
        if not parsed.strong and _norm(part) not in _ONE_LETTER:
            answer = _yes_no(part)
            if answer is not None:
                required = answer
                continue
        if parsed.strong or parsed.is_object or (parsed.type_name and _marked(part)):
            if not cell.strong:
                cell = parsed
            continue
        return None  # prose in brackets: "(say, no more than 1000 rows)"
    return cell, required


def _bullet_param(
    rest: str, leading_only: bool = False
) -> tuple[str, CellType, bool | None, str] | None:
    """`` `siteId` - the site *(integer)* `` -> ("siteId", int, None, "the site")."""
    match = _BULLET_NAME.match(rest)
    if match is None:
        return None
    raw_name = next(g for g in match.groups() if g is not None)
    name = _name_line(raw_name)
    if name is None:
        return None
    tail = rest[match.end() :].lstrip("*_ :：")
    cell = _NOTHING
    required: bool | None = None
    if group := _GROUP.match(tail):  # `id` (string, required): ...
        parts = _group_parts(group.group("inner"))
        if parts is not None:
            cell, required = parts
            tail = tail[group.end() :].lstrip("*_ ")
    tail = _DASH.sub("", tail, count=1)
    if not cell.known and (code := _LEADING_CODE.match(tail)):  # `id` - *int* - ...
        parsed = parse_type(code.group("code") or code.group("em") or code.group("u") or "")
        if parsed.strong:
            cell = parsed
            tail = _DASH.sub("", tail[code.end() :], count=1)
    if leading_only and not cell.known:
        return None  # without a bullet, only a type right after the name makes a parameter
    if trailing := _TRAILING_GROUP.search(tail):  # `id` - the id *(integer)*
        parts = _group_parts(trailing.group("inner"))
        if parts is not None:
            cell = cell if cell.known else parts[0]
            required = parts[1] if required is None else required
            tail = tail[: trailing.start()]
    if not cell.known:
        return None  # a name and prose, no type: not a parameter list
    return name, cell, required, _plain(tail).strip(" -–—:*_")
