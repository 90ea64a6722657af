// The SOAPBuilders values of tests/interop/scenarios.py, as gSOAP clients send them.
static const char *const STRING = "SOAP & <XML> \"quoted\" 'n' gr\xc3\xbcn \xe2\x9c\x93";
static const char *const STRINGS[] = {"red", "gr\xc3\xbcn", "<blue/> & more"};
static int INTEGERS[] = {0, -2147483647 - 1, 2147483647};
static float FLOATS[] = {0.5f, -2.75f, 1024.0f};
static const struct {
    const char *text;
    int number;
    float real;
} STRUCTS[] = {{"first <1>", -7, 0.125f}, {"zweite", 2147483647, -1024.5f}};
static unsigned char BINARY[] = {0x00, 0xff, 0xfe, 'S', 'O', 'A', 'P', 0x80, 0x7f};
static const time_t DATE = 946684798;  // 1999-12-31T23:59:58Z
static const char *const DECIMAL = "12345678901234567890.123456789";

template <class Struct>
Struct *soap_struct(struct soap *soap, int index) {
    Struct *made = soap_new_s__SOAPStruct(soap);
    made->varString = STRUCTS[index].text;
    made->varInt = STRUCTS[index].number;
    made->varFloat = STRUCTS[index].real;
    return made;
}

template <class Struct>
interop::Json struct_json(const Struct *value) {
    using namespace interop;
    if (value == nullptr) return null();
    return obj({{"varString", str(value->varString)},
                {"varInt", num(value->varInt)},
                {"varFloat", real(value->varFloat)}});
}
