// Orders (tests/golden/wsdl_doclit), from the WSDL soapsmith's server serves: GetOrder with
// and without the Auth header and class, the answer without its result, the declared fault.
using namespace interop;

static Json money_json(const ns2__Money *money) {
    if (money == nullptr) return null();
    return obj({{"#text", str(money->__item)},
                {"@currency", money->currency ? str(*money->currency) : null()}});
}

static Json optional(const std::string *text) { return text ? str(*text) : null(); }

static Json order_json(const ns1__Order *order) {
    if (order == nullptr) return null();
    static const char *const states[] = {"open", "shipped", "None"};
    return obj({{"key", str(order->key)},
                {"placed", instant(order->placed)},
                {"total", money_json(order->total)},
                {"state", str(states[order->state])},
                {"line", list(order->line,
                              [](const ns1__Line *line) {
                                  return obj({{"@item-id", str(line->item_id)},
                                              {"sku", str(line->sku)},
                                              {"qty", num(line->qty)}});
                              })},
                {"card", optional(order->card)},
                {"voucher", optional(order->voucher)},
                {"parent", order_json(order->parent)}});
}

static void get_order(Proxy &proxy, Outcomes &outcomes, long long id, const char *klass,
                      const char *token) {
    struct soap *soap = proxy.soap;
    ns1__GetOrder request;
    request.id = id;
    std::string class_name = klass ? klass : "";
    request.class_ = klass ? &class_name : nullptr;
    ns1__Auth auth;
    if (token != nullptr) {
        auth.token = token;
        proxy.soap_header(&auth);
    } else {
        proxy.soap_noheader();
    }
    ns1__GetOrderResponse response;
    if (proxy.GetOrder(&request, response) == SOAP_OK) {
        outcomes.result(response.GetOrderResult
                            ? obj({{"GetOrderResult", order_json(response.GetOrderResult)}})
                            : obj({}));
    } else {
        const SOAP_ENV__Detail *detail = nullptr;
        if (soap->fault != nullptr)
            detail = soap->fault->detail ? soap->fault->detail : soap->fault->SOAP_ENV__Detail;
        const ns1__OrderFault *fault = detail ? detail->ns1__OrderFault_ : nullptr;
        outcomes.failed(soap, fault ? obj({{"OrderFault", obj({{"code", num(fault->code)}})}})
                                    : null());
    }
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    get_order(proxy, outcomes, 7, "gold", "t-1");
    get_order(proxy, outcomes, 8, nullptr, nullptr);
    get_order(proxy, outcomes, 0, nullptr, "t-0");
    get_order(proxy, outcomes, 404, nullptr, "t-4");
}
