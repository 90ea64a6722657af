// A small .asmx service whose help pages and WSDL Mono writes (refresh.py): complex types, an
// enumeration, arrays, nullable values, a request header.
using System;
using System.Web.Services;
using System.Web.Services.Protocols;

public enum Color { Red, Green, Blue }

public class Price {
    public decimal Amount;
    public string Currency;
}

public class Product {
    public int Id;
    public string Name;
    public Color Color;
    public Price Price;
    public string[] Tags;
    public DateTime? Discontinued;
    public int? Stock;
}

public class AuthHeader : SoapHeader {
    public string Token;
}

[WebService(Namespace = "urn:soapsmith:catalog")]
public class Catalog : WebService {
    public AuthHeader Auth;

    [WebMethod]
    [SoapHeader("Auth")]
    public Product GetProduct(int id) { return null; }

    [WebMethod]
    public Product[] FindProducts(string query, Color[] colors, int? limit) { return null; }

    [WebMethod]
    public int CountProducts(Color color, bool inStockOnly) { return 0; }

    [WebMethod]
    public void Ping() {}

    [WebMethod]
    public DateTime? LastChange(long since, decimal minimum) { return null; }
}
