// Apache CXF's greeter as a gSOAP client of soapsmith's server, from the WSDL it serves (its
// operations document/literal wrapped): the calls of scenarios.py's _greeter_calls.
using namespace interop;

template <class Request, class Response, class Show>
static void greet(Proxy &proxy, Outcomes &outcomes, Request &request,
                  int (Proxy::*call)(Request *, Response &), Show show) {
    Response response;
    if ((proxy.*call)(&request, response) == SOAP_OK)
        outcomes.result(obj({{"out", show(response)}}));
    else
        outcomes.failed(proxy.soap);
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    auto text = [](const auto &response) { return str(response.out); };
    ns1__sayHi hi;
    greet(proxy, outcomes, hi, &Proxy::sayHi, text);
    ns1__greetMe me;
    me.in = "\xc3\x9cn\xc3\xaf" "code & <friends>";  // split: \xafc would be one escape
    greet(proxy, outcomes, me, &Proxy::greetMe, text);
    ns1__greetUs us;
    us.you = "you";
    us.me = "me";
    greet(proxy, outcomes, us, &Proxy::greetUs, text);
    ns1__sendReceiveData data;
    ns2__myComplexStruct given;
    given.elem1 = "first";
    given.elem2 = "second";
    given.elem3 = -41;
    data.in = &given;
    greet(proxy, outcomes, data, &Proxy::sendReceiveData,
          [](const ns1__sendReceiveDataResponse &response) {
              const ns2__myComplexStruct *out = response.out;
              if (out == nullptr) return null();
              return obj({{"elem1", str(out->elem1)},
                          {"elem2", str(out->elem2)},
                          {"elem3", num(out->elem3)}});
          });
}
