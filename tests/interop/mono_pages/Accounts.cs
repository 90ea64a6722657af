// A small .asmx service whose help pages and WSDL Mono writes (refresh.py): attributes, an
// enumeration with XML names, arrays of structures, binary, nullable values, a header both ways,
// an out parameter.
using System;
using System.Web.Services;
using System.Web.Services.Protocols;
using System.Xml.Serialization;

public enum Tier {
    [XmlEnum("bronze")] Bronze,
    [XmlEnum("silver")] Silver,
    [XmlEnum("gold")] Gold,
}

public class Address {
    [XmlAttribute] public string Country;
    public string Street;
    public string City;
}

public class Account {
    [XmlAttribute] public string Id;
    public string Owner;
    public Tier Tier;
    public Address[] Addresses;
    public byte[] Avatar;
    public bool? Verified;
    public double Balance;
}

public class SessionHeader : SoapHeader {
    public string SessionId;
    public long Sequence;
}

[WebService(Namespace = "urn:soapsmith:accounts")]
public class Accounts : WebService {
    public SessionHeader Session;

    [WebMethod]
    [SoapHeader("Session")]
    public Account OpenAccount(string owner, Tier tier, Address[] addresses) { return null; }

    [WebMethod]
    [SoapHeader("Session", Direction = SoapHeaderDirection.InOut)]
    public Account[] ListAccounts(Tier? tier, int page) { return null; }

    [WebMethod]
    public bool CloseAccount(string id, DateTime when) { return false; }

    [WebMethod]
    public decimal Split(decimal amount, int parts, out decimal rest) { rest = 0; return 0; }
}
