// The dneonline calculator as a gSOAP client of soapsmith's server: the calls of scenarios.py's
// CALCULATOR, ints at their bounds.
using namespace interop;

template <class Request, class Response>
static void calculate(Proxy &proxy, Outcomes &outcomes, const char *name, int a, int b,
                      int (Proxy::*call)(Request *, Response &), int Response::*result) {
    Request request;
    request.intA = a;
    request.intB = b;
    Response response;
    if ((proxy.*call)(&request, response) == SOAP_OK)
        outcomes.result(obj({{std::string(name) + "Result", num(response.*result)}}));
    else
        outcomes.failed(proxy.soap);
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    calculate(proxy, outcomes, "Add", 2147483600, 47, &Proxy::Add, &tempuri__AddResponse::AddResult);
    calculate(proxy, outcomes, "Subtract", -2147483600, 48, &Proxy::Subtract,
              &tempuri__SubtractResponse::SubtractResult);
    calculate(proxy, outcomes, "Multiply", -46341, 46340, &Proxy::Multiply,
              &tempuri__MultiplyResponse::MultiplyResult);
    calculate(proxy, outcomes, "Divide", -7, 2, &Proxy::Divide,
              &tempuri__DivideResponse::DivideResult);
}
