// The interop suite's gSOAP programs (stacks/gsoap.py builds them): JSON output for a client's
// outcomes, and the main() of a server and of a client.  A scenario's code (the handler's
// operations, or the client's calls) is included before main(): it sees `Service` or `Proxy`
// (typedefs of the classes soapcpp2 made from the WSDL) and the helpers below.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace interop {

typedef std::string Json;

inline Json str(const std::string &text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);  // UTF-8 as it is (SOAP_C_UTFSTRING keeps it so)
        }
    }
    return out + "\"";
}

inline Json num(long long value) { return std::to_string(value); }

inline Json real(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

inline Json boolean(bool value) { return value ? "true" : "false"; }

inline Json null() { return "null"; }

// an instant as xsd:dateTime in UTC, the wire form's lexical "$dateTime"
inline Json instant(time_t value) {
    struct tm parts;
    gmtime_r(&value, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return str(text);
}

// bytes that need not be UTF-8, as stacks/__init__.py's {"$bytes": base64}
inline Json bytes(const unsigned char *data, int size) {
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (int i = 0; i < size; i += 3) {
        unsigned long group = static_cast<unsigned long>(data[i]) << 16;
        if (i + 1 < size) group |= static_cast<unsigned long>(data[i + 1]) << 8;
        if (i + 2 < size) group |= data[i + 2];
        out += alphabet[(group >> 18) & 63];
        out += alphabet[(group >> 12) & 63];
        out += i + 1 < size ? alphabet[(group >> 6) & 63] : '=';
        out += i + 2 < size ? alphabet[group & 63] : '=';
    }
    return "{\"$bytes\": " + str(out) + "}";
}

inline Json obj(std::initializer_list<std::pair<std::string, Json>> members) {
    std::string out = "{";
    for (const auto &member : members) {
        if (out.size() > 1) out += ", ";
        out += str(member.first) + ": " + member.second;
    }
    return out + "}";
}

inline Json list(const std::vector<Json> &items) {
    std::string out = "[";
    for (const auto &item : items) {
        if (out.size() > 1) out += ", ";
        out += item;
    }
    return out + "]";
}

template <class T, class F>
Json list(const std::vector<T> &items, F each) {
    std::vector<Json> out;
    for (const auto &item : items) out.push_back(each(item));
    return list(out);
}

// One outcome per call, printed as a JSON list: {"result"}, {"fault": {"code", "string",
// "detail"}} (a fault the server answered) or {"error"} (anything else gSOAP reports).
class Outcomes {
   public:
    void result(const Json &value) { items.push_back(obj({{"result", value}})); }

    // the call failed with soap->error: a received fault (detail as the scenario reads it) or
    // an error of gSOAP's own
    void failed(struct soap *soap, const Json &detail = "null") {
        if (soap->error == SOAP_FAULT || soap->error == SOAP_SVR_FAULT ||
            soap->error == SOAP_CLI_FAULT) {
            const char *code = soap_fault_string(soap) ? *soap_faultcode(soap) : nullptr;
            const char *text = soap_fault_string(soap);
            items.push_back(obj({{"fault", obj({{"code", code ? str(code) : null()},
                                               {"string", text ? str(text) : null()},
                                               {"detail", detail}})}}));
        } else {
            std::ostringstream text;
            soap_stream_fault(soap, text);
            items.push_back(obj({{"error", str(text.str())}}));
        }
    }

    void print() const { std::printf("%s\n", list(items).c_str()); }

   private:
    std::vector<Json> items;
};

}  // namespace interop
