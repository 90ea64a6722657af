// SOAPBuilders round 2 base, rpc/encoded, compiled from the service's own WSDL
// (soapbuilders/rpc_encoded/InteropTest.wsdl, not the served one): every echo with the
// scenario's values, as SOAP-encoded messages (xsi:type, SOAP-ENC arrays: gSOAP's
// {__ptr, __size} classes).
#include "soapbuilders_values.h"

using namespace interop;

// an encoded array in the wire form: its items (named "item", as the WSDL's arrays are declared)
template <class Array, class Show>
Json array_json(const Array *array, Show show) {
    if (array == nullptr) return null();
    std::vector<Json> items;
    for (int i = 0; i < array->__size; ++i) items.push_back(show(array->__ptr[i]));
    return obj({{"item", list(items)}});
}

// the answer as {"return": value}, or the failure; every call's memory is released after it
void answered(Proxy &proxy, Outcomes &outcomes, int status, const Json &value) {
    if (status == SOAP_OK)
        outcomes.result(obj({{"return", value}}));
    else
        outcomes.failed(proxy.soap);
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    struct soap *soap = proxy.soap;
    auto show_struct = [](const s__SOAPStruct *s) { return struct_json(s); };
    int status;

    std::string text;
    status = proxy.echoString(STRING, text);
    answered(proxy, outcomes, status, str(text));

    ArrayOfstring strings;
    strings.__ptr = soap_new_std__string(soap, 3);
    for (int i = 0; i < 3; ++i) strings.__ptr[i] = STRINGS[i];
    strings.__size = 3;
    struct i__echoStringArrayResponse string_array;
    status = proxy.echoStringArray(&strings, string_array);
    answered(proxy, outcomes, status, array_json(string_array.return_, [](const std::string &s) {
                 return str(s);
             }));

    int integer = 0;
    status = proxy.echoInteger(-2147483647 - 1, integer);
    answered(proxy, outcomes, status, num(integer));

    ArrayOfint integers;
    integers.__ptr = INTEGERS;
    integers.__size = 3;
    struct i__echoIntegerArrayResponse integer_array;
    status = proxy.echoIntegerArray(&integers, integer_array);
    answered(proxy, outcomes, status,
             array_json(integer_array.return_, [](int i) { return num(i); }));

    float single = 0;
    status = proxy.echoFloat(-1234.5f, single);
    answered(proxy, outcomes, status, real(single));

    ArrayOffloat floats;
    floats.__ptr = FLOATS;
    floats.__size = 3;
    struct i__echoFloatArrayResponse float_array;
    status = proxy.echoFloatArray(&floats, float_array);
    answered(proxy, outcomes, status,
             array_json(float_array.return_, [](float f) { return real(f); }));

    struct i__echoStructResponse one;
    status = proxy.echoStruct(soap_struct<s__SOAPStruct>(soap, 0), one);
    answered(proxy, outcomes, status, struct_json(one.return_));

    ArrayOfSOAPStruct structs;
    s__SOAPStruct *members[] = {soap_struct<s__SOAPStruct>(soap, 0),
                                soap_struct<s__SOAPStruct>(soap, 1)};
    structs.__ptr = members;
    structs.__size = 2;
    struct i__echoStructArrayResponse many;
    status = proxy.echoStructArray(&structs, many);
    answered(proxy, outcomes, status, array_json(many.return_, show_struct));

    struct i__echoVoidResponse nothing;
    if (proxy.echoVoid(nothing) == SOAP_OK)
        outcomes.result(null());
    else
        outcomes.failed(soap);
    proxy.destroy();

    xsd__base64Binary base64, base64_back;
    base64.__ptr = BINARY;
    base64.__size = sizeof BINARY;
    status = proxy.echoBase64(base64, base64_back);
    answered(proxy, outcomes, status, bytes(base64_back.__ptr, base64_back.__size));

    xsd__hexBinary hex, hex_back;
    hex.__ptr = BINARY;
    hex.__size = sizeof BINARY;
    status = proxy.echoHexBinary(hex, hex_back);
    answered(proxy, outcomes, status, bytes(hex_back.__ptr, hex_back.__size));

    time_t date = 0;
    status = proxy.echoDate(DATE, date);
    answered(proxy, outcomes, status, instant(date));

    std::string decimal;
    status = proxy.echoDecimal(DECIMAL, decimal);
    answered(proxy, outcomes, status, str(decimal));

    bool flag = true;
    status = proxy.echoBoolean(false, flag);
    answered(proxy, outcomes, status, boolean(flag));
}
