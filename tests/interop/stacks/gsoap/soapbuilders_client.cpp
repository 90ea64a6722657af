// SOAPBuilders round 2 base as a gSOAP client of soapsmith's server: every echo with the
// scenario's values.  soapsmith serves both services (rpc/encoded and document/literal) as
// document/literal wrapped, so one program serves both: the wrappers are named types
// (i__echoString); an array is a std::vector, or (the encoded service's ArrayOfint) a class of
// its own whose "item" is the vector, which the wire form writes as {"item": [...]}.
#include "soapbuilders_values.h"

template <class T>
std::vector<T> &items(std::vector<T> &held) {
    return held;
}
template <class Array>
auto items(Array *&held) -> decltype((held->item)) {
    if (held == nullptr) held = new Array();  // freed with the process
    return held->item;
}
template <class T>
const std::vector<T> &items_of(const std::vector<T> &held) {
    return held;
}
template <class Array>
auto items_of(const Array *held) -> std::vector<typename std::decay<decltype(held->item[0])>::type> {
    if (held == nullptr) return {};
    return held->item;
}

template <class T, class F>
interop::Json array_json(const std::vector<T> &held, F each) {
    return interop::list(held, each);
}
template <class Array, class F>
interop::Json array_json(const Array *held, F each) {
    return interop::obj({{"item", interop::list(items_of(held), each)}});
}

using namespace interop;

// the proxy's method of two arguments (it has an overload taking an address and an action too)
template <class Request, class Response, class Show>
void echo(Proxy &proxy, Outcomes &outcomes, Request &request,
          int (Proxy::*call)(Request *, Response &), Show show) {
    Response response;
    if ((proxy.*call)(&request, response) == SOAP_OK)
        outcomes.result(obj({{"return", show(response)}}));
    else
        outcomes.failed(proxy.soap);
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    struct soap *soap = proxy.soap;
    i__echoString string;
    string.inputString = STRING;
    echo<i__echoString, i__echoStringResponse>(
        proxy, outcomes, string, &Proxy::echoString,
        [](const i__echoStringResponse &r) { return str(r.return_); });

    i__echoStringArray strings;
    items(strings.inputStringArray).assign(STRINGS, STRINGS + 3);
    echo<i__echoStringArray, i__echoStringArrayResponse>(
        proxy, outcomes, strings, &Proxy::echoStringArray,
        [](const i__echoStringArrayResponse &r) {
            return array_json(r.return_, [](const std::string &s) { return str(s); });
        });

    i__echoInteger integer;
    integer.inputInteger = -2147483647 - 1;
    echo<i__echoInteger, i__echoIntegerResponse>(
        proxy, outcomes, integer, &Proxy::echoInteger,
        [](const i__echoIntegerResponse &r) { return num(r.return_); });

    i__echoIntegerArray integers;
    items(integers.inputIntegerArray).assign(INTEGERS, INTEGERS + 3);
    echo<i__echoIntegerArray, i__echoIntegerArrayResponse>(
        proxy, outcomes, integers, &Proxy::echoIntegerArray,
        [](const i__echoIntegerArrayResponse &r) {
            return array_json(r.return_, [](int i) { return num(i); });
        });

    i__echoFloat single;
    single.inputFloat = -1234.5f;
    echo<i__echoFloat, i__echoFloatResponse>(
        proxy, outcomes, single, &Proxy::echoFloat,
        [](const i__echoFloatResponse &r) { return real(r.return_); });

    i__echoFloatArray floats;
    items(floats.inputFloatArray).assign(FLOATS, FLOATS + 3);
    echo<i__echoFloatArray, i__echoFloatArrayResponse>(
        proxy, outcomes, floats, &Proxy::echoFloatArray,
        [](const i__echoFloatArrayResponse &r) {
            return array_json(r.return_, [](float f) { return real(f); });
        });

    i__echoStruct one;
    one.inputStruct = soap_struct<s__SOAPStruct>(soap, 0);
    echo<i__echoStruct, i__echoStructResponse>(
        proxy, outcomes, one, &Proxy::echoStruct,
        [](const i__echoStructResponse &r) { return struct_json(r.return_); });

    i__echoStructArray many;
    items(many.inputStructArray) = {soap_struct<s__SOAPStruct>(soap, 0),
                                    soap_struct<s__SOAPStruct>(soap, 1)};
    echo<i__echoStructArray, i__echoStructArrayResponse>(
        proxy, outcomes, many, &Proxy::echoStructArray,
        [](const i__echoStructArrayResponse &r) {
            return array_json(r.return_, [](const s__SOAPStruct *s) { return struct_json(s); });
        });

    i__echoVoid nothing;
    i__echoVoidResponse done;
    if (proxy.echoVoid(&nothing, done) == SOAP_OK)
        outcomes.result(null());
    else
        outcomes.failed(soap);
    proxy.destroy();

    i__echoBase64 base64;
    base64.inputBase64.__ptr = BINARY;
    base64.inputBase64.__size = sizeof BINARY;
    echo<i__echoBase64, i__echoBase64Response>(
        proxy, outcomes, base64, &Proxy::echoBase64, [](const i__echoBase64Response &r) {
            return bytes(r.return_.__ptr, r.return_.__size);
        });

    i__echoHexBinary hex;
    hex.inputHexBinary.__ptr = BINARY;
    hex.inputHexBinary.__size = sizeof BINARY;
    echo<i__echoHexBinary, i__echoHexBinaryResponse>(
        proxy, outcomes, hex, &Proxy::echoHexBinary, [](const i__echoHexBinaryResponse &r) {
            return bytes(r.return_.__ptr, r.return_.__size);
        });

    i__echoDate date;
    date.inputDate = DATE;
    echo<i__echoDate, i__echoDateResponse>(
        proxy, outcomes, date, &Proxy::echoDate,
        [](const i__echoDateResponse &r) { return instant(r.return_); });

    i__echoDecimal decimal;
    decimal.inputDecimal = DECIMAL;
    echo<i__echoDecimal, i__echoDecimalResponse>(
        proxy, outcomes, decimal, &Proxy::echoDecimal,
        [](const i__echoDecimalResponse &r) { return str(r.return_); });

    i__echoBoolean boolean_;
    boolean_.inputBoolean = false;
    echo<i__echoBoolean, i__echoBooleanResponse>(
        proxy, outcomes, boolean_, &Proxy::echoBoolean,
        [](const i__echoBooleanResponse &r) { return boolean(r.return_); });
}
