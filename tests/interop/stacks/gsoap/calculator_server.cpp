// The dneonline calculator (corpus): the four operations, integer division truncating, for both
// of its bindings (wsdl2h collects the SOAP 1.1 and 1.2 ones into one service).
int Service::Add(_tempuri__Add *in, _tempuri__AddResponse &out) {
    out.AddResult = in->intA + in->intB;
    return SOAP_OK;
}
int Service::Subtract(_tempuri__Subtract *in, _tempuri__SubtractResponse &out) {
    out.SubtractResult = in->intA - in->intB;
    return SOAP_OK;
}
int Service::Multiply(_tempuri__Multiply *in, _tempuri__MultiplyResponse &out) {
    out.MultiplyResult = in->intA * in->intB;
    return SOAP_OK;
}
int Service::Divide(_tempuri__Divide *in, _tempuri__DivideResponse &out) {
    out.DivideResult = in->intA / in->intB;
    return SOAP_OK;
}
int Service::Add_(_tempuri__Add *in, _tempuri__AddResponse &out) { return Add(in, out); }
int Service::Subtract_(_tempuri__Subtract *in, _tempuri__SubtractResponse &out) {
    return Subtract(in, out);
}
int Service::Multiply_(_tempuri__Multiply *in, _tempuri__MultiplyResponse &out) {
    return Multiply(in, out);
}
int Service::Divide_(_tempuri__Divide *in, _tempuri__DivideResponse &out) {
    return Divide(in, out);
}
