// Orders (tests/golden/wsdl_doclit): the answer's key is "id/class/token" (token from the Auth
// header); id 404 answers the declared OrderFault, id 0 an answer without its result.
using System;
using System.Web.Services.Protocols;
using System.Xml;

public static class Handler {
    static Line NewLine(string id, string sku, int qty) {
        return new Line { itemid = id, sku = sku, qty = qty };
    }

    static Order NewOrder(string key) {
        var parent = new Order {
            key = "parent",
            placed = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            total = new Money { Value = 0.01m },
            state = State.None,
            line = new[] { NewLine("C-3", "drei", 0) },
            Item = "V-9",
            ItemElementName = ItemChoiceType.voucher,
        };
        return new Order {
            key = key,
            placed = new DateTime(2024, 2, 29, 12, 30, 45, DateTimeKind.Utc),
            total = new Money { Value = 12.50m, currency = "EUR" },
            state = State.shipped,
            line = new[] { NewLine("A-1", "sku <1> & co", 2), NewLine("B-2", "zwei", -1) },
            Item = "4111 1111",
            ItemElementName = ItemChoiceType.card,
            parent = parent,
        };
    }

    public static Order GetOrder(Orders service, long id, string @class) {
        if (id == 404) {
            var document = new XmlDocument();
            // Mono writes the detail node as it is given: SOAP 1.1's <detail>, SOAP 1.2's
            // <env:Detail>
            XmlElement detail = service.SoapVersion == SoapProtocolVersion.Soap12
                ? document.CreateElement("env", "Detail", "http://www.w3.org/2003/05/soap-envelope")
                : document.CreateElement("detail");
            XmlElement fault = document.CreateElement("OrderFault", "urn:example:orders");
            XmlElement code = document.CreateElement("code", "urn:example:orders");
            code.InnerText = "404";
            fault.AppendChild(code);
            detail.AppendChild(fault);
            throw new SoapException("no such order", SoapException.ServerFaultCode, "", detail);
        }
        if (id == 0) return null;
        string token = service.AuthValue != null ? service.AuthValue.token : "-";
        return NewOrder(id + "/" + (@class ?? "-") + "/" + token);
    }
}
