// Apache CXF's rpc/literal greeter (corpus): the answers of scenarios.py's PHP_GREETER.
int Service::sayHi(struct ns1__sayHiResponse &response) {
    response.out = "Bonjour";
    return SOAP_OK;
}
int Service::greetMe(const std::string &in, struct ns1__greetMeResponse &response) {
    response.out = "Hello " + in;
    return SOAP_OK;
}
int Service::greetUs(const std::string &you, const std::string &me,
                     struct ns1__greetUsResponse &response) {
    response.out = "Hello " + you + " and " + me;
    return SOAP_OK;
}
int Service::sendReceiveData(ns2__myComplexStruct *in,
                             struct ns1__sendReceiveDataResponse &response) {
    if (in == nullptr) return soap_receiver_fault(soap, "no struct", nullptr);
    response.out = soap_new_ns2__myComplexStruct(soap);
    response.out->elem1 = in->elem2;
    response.out->elem2 = in->elem1;
    response.out->elem3 = in->elem3 + 1;
    return SOAP_OK;
}
