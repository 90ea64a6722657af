"""Words of parameter tables in nine languages: headers, yes/no answers and sides.

English, German, French, Spanish, Portuguese, Turkish, Russian, Chinese and Japanese words
are folded (no case, accents or punctuation) and found as whole words or phrases; CJK words,
written without spaces, are found inside the text.  Header words name a column's role,
yes/no words (and check marks, occurrences `0..1`) answer whether a parameter is required,
and side words tell the request from the response (`heading_side`).
"""

from __future__ import annotations

import re

from .cells import CJK, fold, plain_text
from .param import REQUEST, RESPONSE


class Vocab(frozenset[str]):
    """Folded words and phrases; `found_in` looks for any of them inside a folded text."""

    tokens: frozenset[str]
    phrases: tuple[str, ...]
    cjk: tuple[str, ...]  # written without spaces: found as substrings

    def found_in(self, norm: str) -> bool:
        if self.cjk and CJK.search(norm) and any(w in norm for w in self.cjk):
            return True
        if not self.tokens.isdisjoint(norm.split()):
            return True
        padded = f" {norm} "
        return any(f" {phrase} " in padded for phrase in self.phrases)


def word_set(*groups: str) -> Vocab:
    """A vocabulary from groups of `;`-separated words and phrases, folded."""
    vocab = Vocab(fold(w) for group in groups for w in group.split(";") if fold(w))
    vocab.cjk = tuple(w for w in vocab if CJK.search(w))
    vocab.tokens = frozenset(w for w in vocab if " " not in w and w not in vocab.cjk)
    vocab.phrases = tuple(w for w in vocab if " " in w and w not in vocab.cjk)
    return vocab


# -- header words -------------------------------------------------------------------------

NAME_STRONG = word_set(
    "name;names;parameter name;param name;element name;field name;property name;"
    "attribute name;argument name;member name;key;element or attribute;",
    "nombre;nombre del parametro;nombre del campo;nom;nom du parametre;nom du champ;nome;"
    "nome do parametro;nome do campo;isim;ad;adi;alan adi;parametre adi;eleman adi;",
    "имя;название;наименование;имя параметра;имя поля;",
    "名称;名字;参数名;参数名称;字段名;字段名称;元素名;属性名;名前;パラメータ名;パラメーター名;"
    "項目名;要素名;フィールド名;引数名;物理名",
)
NAME_WEAK = word_set(
    "parameter;parameters;param;element;elements;field;fields;property;properties;attribute;"
    "argument;member;tag;node;",
    "parametro;campo;elemento;propiedad;atributo;parametre;champ;propriete;attribut;"
    "propriedade;feld;eigenschaft;alan;eleman;oge;ozellik;",
    "параметр;поле;элемент;атрибут;свойство;",
    "参数;字段;元素;属性;节点;パラメータ;パラメーター;項目;要素;フィールド;引数",
)
TYPE_HEADERS = word_set(
    "type;types;data type;datatype;data types;type name;value type;parameter type;field type;"
    "element type;xsd type;schema type;format;",
    "tipo;tipo de dato;tipo de datos;tipo de dado;tipo de dados;tipo do dado;type de donnees;"
    "type de donnee;typ;datentyp;feldtyp;tipi;tip;tur;turu;veri tipi;veri turu;alan tipi;",
    "тип;тип данных;тип параметра;тип поля;",
    "类型;数据类型;参数类型;字段类型;類型;資料類型;型;データ型;タイプ;種別",
)
REQUIRED_HEADERS = word_set(
    "required;is required;mandatory;req;obligatory;must;needed;required optional;"
    "required or optional;mandatory optional;m o;use;usage;",
    "requerido;obligatorio;necesario;obrigatorio;requis;obligatoire;erforderlich;pflicht;"
    "pflichtfeld;pflichtangabe;muss;zorunlu;zorunlu mu;zorunluluk;gerekli;",
    "обязательный;обязательное;обязательность;обязательно;обяз;",
    "必填;是否必填;必须;是否必须;必选;必需;是否必需;必須;必須項目;必須区分",
)
OPTIONAL_HEADERS = word_set(
    "optional;is optional;nillable;opcional;facultatif;optionnel;opsiyonel;istege bagli;"
    "необязательный;可选;是否可选;任意;省略可",
)
OCCURS_HEADERS = word_set(
    "occurrences;occurrence;occurs;occurence;cardinality;multiplicity;min occurs;minoccurs;"
    "min max;card;ocorrencias;ocurrencias;cardinalite;kardinalitat;kardinalite;кратность;"
    "出现次数;多重度;繰り返し",
)
DOC_HEADERS = word_set(
    "description;descriptions;desc;details;detail;notes;note;comment;comments;remarks;"
    "meaning;explanation;purpose;",
    "descripcion;descricao;observacao;observaciones;commentaire;beschreibung;bemerkung;"
    "erlauterung;erklarung;aciklama;aciklamasi;",
    "описание;примечание;комментарий;",
    "描述;说明;說明;备注;備考;説明;内容;概要",
)
OTHER_HEADERS = word_set(
    "value;values;default;default value;example;examples;sample;sample value;example value;"
    "location;in;since;version;length;max length;size;constraints;valeur;valor;wert;"
    "beispiel;ejemplo;exemple;exemplo;ornek;deger;varsayilan;uzunluk;значение;пример;"
    "值;默认值;示例;例;長さ;桁数;既定値;code;kod;codigo",
)

# -- yes/no answers -----------------------------------------------------------------------

_YES = word_set(
    "yes;y;true;required;req;mandatory;must;x;yes required;is required;",
    "evet;oui;si;sim;ja;s;m;да;д;是;必填;必须;必需;必选;必要;はい;必須;要;",
    "requerido;obligatorio;obrigatorio;requis;obligatoire;erforderlich;pflicht;zorunlu;"
    "gerekli;обязательно;обязательный;обязательное;обяз",
)
_NO = word_set(
    "no;n;false;optional;opt;not required;",
    "hayir;non;nein;nao;нет;н;否;不;不必填;非必填;可选;选填;いいえ;任意;省略可;不要;",
    "facultatif;facultativo;optionnel;opcional;optativo;istege bagli;opsiyonel;"
    "zorunlu degil;необязательно;необязательный;необязательное;nicht erforderlich",
)
_YES_SYMBOLS = frozenset("✓✔☑√○◯〇●")
_NO_SYMBOLS = frozenset("✗✘×╳")
ONE_LETTER = frozenset(("y", "n", "s", "m", "x", "д", "н"))  # answers only in a column
_OCCURS = re.compile(
    r"^\[?\s*(?P<min>\d{1,4})\s*(?:(?:\.\.|…|-|–|to|,)\s*(?P<max>\d{1,6}|\*|n|m|unbounded"
    r"|many|inf|infinity|∞))?\s*\]?$",
    re.I,
)


def yes_no(text: str) -> bool | None:
    """Yes/no words in several languages, `required`/`optional`, check marks, occurrences."""
    raw = plain_text(text)
    if not raw or len(raw) > 100:  # an answer is short; a long cell is a description
        return None
    if raw[0] in _NO_SYMBOLS:
        return False
    if raw[0] in _YES_SYMBOLS:
        return True
    occurs = occurrences(raw)
    if occurs is not None:
        return occurs[0]
    for candidate in (raw, re.split(r"[(\[（,;:.\-–—/!]", raw, maxsplit=1)[0]):
        word = fold(candidate)
        if word in _YES:
            return True
        if word in _NO:
            return False
    first = fold(raw).split(" ", 1)[0] if fold(raw) else ""
    if first in ONE_LETTER:
        return None  # "Y axis", "N/A": not an answer
    if first in _YES:
        return True
    if first in _NO:
        return False
    return None


def occurrences(text: str) -> tuple[bool, bool] | None:
    """`0..1`, `1`, `1..n`, `0-*`: (required, is_list)."""
    match = _OCCURS.match(text.strip())
    if not match:
        return None
    low = int(match.group("min"))
    high = match.group("max")
    if high is None:
        return low >= 1, low > 1
    return low >= 1, not high.isdigit() or int(high) > 1


# -- sides --------------------------------------------------------------------------------

RESPONSE_WORDS = word_set(
    "response;responses;output;outputs;returns;return;returned;return value;return values;"
    "result;results;reply;",
    "antwort;ruckgabe;ruckgabewert;ruckgabewerte;ausgabe;reponse;reponses;sortie;retour;"
    "respuesta;respuestas;salida;retorno;devuelve;resposta;respostas;saida;",
    "yanit;cevap;cikti;cikis;donus;geri donus;",
    "ответ;ответа;выход;выходные;результат;возвращает;возвращаемое;",
    "响应;返回;输出;出参;应答;回應;返回值;回傳;応答;レスポンス;戻り値;出力;返却",
)
REQUEST_WORDS = word_set(
    "request;requests;input;inputs;",
    "anforderung;anfrage;eingabe;demande;requete;entree;entrees;solicitud;peticion;entrada;"
    "requisicao;solicitacao;pedido;",
    "istek;talep;giris;girdi;",
    "запрос;запроса;вход;входные;",
    "请求;請求;输入;入参;要求;リクエスト;入力",
)
# Weak request words: "Response Parameters" is the response's.
PARAMETER_WORDS = word_set(
    "parameters;parameter;params;arguments;",
    "parametres;parametros;parametre;parametreler;parametreleri;parametresi;",
    "параметры;параметров;参数;パラメータ;パラメーター;引数",
)
EXAMPLE_WORDS = word_set(
    "example;examples;sample;beispiel;exemple;ejemplo;exemplo;ornek;пример;示例;例",
)


_CAMEL_TAIL = re.compile(
    r"(?<=[a-z0-9])(?P<tail>Request|Response|Result|Input|Output|Reply)(?![a-z])"
)


def heading_side(text: str) -> str | None:
    """The side a heading names: REQUEST, RESPONSE, or None (neither, or both)."""
    plain = plain_text(text)
    # A message name (`GetOrderResponse Parameters`) names its side by its last word.
    plain = _CAMEL_TAIL.sub(lambda m: f"{m.group(0)} {m.group('tail')}", plain)
    norm = fold(plain)
    if not norm:
        return None
    response = RESPONSE_WORDS.found_in(norm)
    request = REQUEST_WORDS.found_in(norm)
    if response and request:
        return None
    if response:
        return RESPONSE
    if request or PARAMETER_WORDS.found_in(norm):
        return REQUEST
    return None
