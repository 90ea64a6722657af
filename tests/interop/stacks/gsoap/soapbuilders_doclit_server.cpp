// SOAPBuilders round 2 base, document/literal: every operation answers its input as "return".
int Service::echoString(_i__echoString *in, _i__echoStringResponse &out) {
    out.return_ = in->inputString;
    return SOAP_OK;
}
int Service::echoStringArray(_i__echoStringArray *in, _i__echoStringArrayResponse &out) {
    out.return_ = in->inputStringArray;
    return SOAP_OK;
}
int Service::echoInteger(_i__echoInteger *in, _i__echoIntegerResponse &out) {
    out.return_ = in->inputInteger;
    return SOAP_OK;
}
int Service::echoIntegerArray(_i__echoIntegerArray *in, _i__echoIntegerArrayResponse &out) {
    out.return_ = in->inputIntegerArray;
    return SOAP_OK;
}
int Service::echoFloat(_i__echoFloat *in, _i__echoFloatResponse &out) {
    out.return_ = in->inputFloat;
    return SOAP_OK;
}
int Service::echoFloatArray(_i__echoFloatArray *in, _i__echoFloatArrayResponse &out) {
    out.return_ = in->inputFloatArray;
    return SOAP_OK;
}
int Service::echoStruct(_i__echoStruct *in, _i__echoStructResponse &out) {
    out.return_ = in->inputStruct;
    return SOAP_OK;
}
int Service::echoStructArray(_i__echoStructArray *in, _i__echoStructArrayResponse &out) {
    out.return_ = in->inputStructArray;
    return SOAP_OK;
}
int Service::echoVoid(_i__echoVoid *in, _i__echoVoidResponse &out) { return SOAP_OK; }
int Service::echoBase64(_i__echoBase64 *in, _i__echoBase64Response &out) {
    out.return_ = in->inputBase64;
    return SOAP_OK;
}
int Service::echoHexBinary(_i__echoHexBinary *in, _i__echoHexBinaryResponse &out) {
    out.return_ = in->inputHexBinary;
    return SOAP_OK;
}
int Service::echoDate(_i__echoDate *in, _i__echoDateResponse &out) {
    out.return_ = in->inputDate;
    return SOAP_OK;
}
int Service::echoDecimal(_i__echoDecimal *in, _i__echoDecimalResponse &out) {
    out.return_ = in->inputDecimal;
    return SOAP_OK;
}
int Service::echoBoolean(_i__echoBoolean *in, _i__echoBooleanResponse &out) {
    out.return_ = in->inputBoolean;
    return SOAP_OK;
}
