// SOAPBuilders round 2 base, rpc/encoded: every operation answers its one part as "return".
int Service::echoString(const std::string &in, std::string &out) {
    out = in;
    return SOAP_OK;
}
int Service::echoStringArray(ArrayOfstring *in, struct i__echoStringArrayResponse &out) {
    out.return_ = in;
    return SOAP_OK;
}
int Service::echoInteger(int in, int &out) {
    out = in;
    return SOAP_OK;
}
int Service::echoIntegerArray(ArrayOfint *in, struct i__echoIntegerArrayResponse &out) {
    out.return_ = in;
    return SOAP_OK;
}
int Service::echoFloat(float in, float &out) {
    out = in;
    return SOAP_OK;
}
int Service::echoFloatArray(ArrayOffloat *in, struct i__echoFloatArrayResponse &out) {
    out.return_ = in;
    return SOAP_OK;
}
int Service::echoStruct(s__SOAPStruct *in, struct i__echoStructResponse &out) {
    out.return_ = in;
    return SOAP_OK;
}
int Service::echoStructArray(ArrayOfSOAPStruct *in, struct i__echoStructArrayResponse &out) {
    out.return_ = in;
    return SOAP_OK;
}
int Service::echoVoid(struct i__echoVoidResponse &out) { return SOAP_OK; }
int Service::echoBase64(const xsd__base64Binary &in, xsd__base64Binary &out) {
    out = in;
    return SOAP_OK;
}
int Service::echoHexBinary(const xsd__hexBinary &in, xsd__hexBinary &out) {
    out = in;
    return SOAP_OK;
}
int Service::echoDate(time_t in, time_t &out) {
    out = in;
    return SOAP_OK;
}
int Service::echoDecimal(const std::string &in, std::string &out) {
    out = in;
    return SOAP_OK;
}
int Service::echoBoolean(bool in, bool &out) {
    out = in;
    return SOAP_OK;
}
