// Orders (tests/golden/wsdl_doclit): the answer's key is "id/class/token" (token from the Auth
// header); id 404 answers the declared OrderFault, id 0 an answer without its result.
#include "orders_values.h"

int Service::GetOrder(_ns1__GetOrder *request, _ns1__GetOrderResponse &response) {
    if (request->id == 404) {
        soap_receiver_fault(soap, "no such order", nullptr);
        SOAP_ENV__Detail *detail = soap_new_SOAP_ENV__Detail(soap);
        detail->ns1__OrderFault = soap_new__ns1__OrderFault(soap);
        detail->ns1__OrderFault->code = 404;
        // SOAP 1.1's <detail> and SOAP 1.2's <env:Detail> are separate members, and gSOAP
        // writes whichever is set whatever the version: the one of the version it answers in
        if (soap->version == 2)
            soap->fault->SOAP_ENV__Detail = detail;
        else
            soap->fault->detail = detail;
        return SOAP_FAULT;
    }
    if (request->id == 0) return SOAP_OK;
    const _ns1__Auth *auth = soap->header ? soap->header->ns1__Auth : nullptr;
    std::string key = std::to_string(request->id) + "/" +
                      (request->class_ ? *request->class_ : std::string("-")) + "/" +
                      (auth ? auth->token : std::string("-"));
    response.GetOrderResult = order(soap, key);
    return SOAP_OK;
}

// the SOAP 1.2 binding's operation (wsdl2h collects both bindings into one service)
int Service::GetOrder_(_ns1__GetOrder *request, _ns1__GetOrderResponse &response) {
    return GetOrder(request, response);
}
