// The derived-types golden: add answers a reference naming the record's type as it arrived (its
// xsi:type), get answers a list of the base type holding two subtypes.
using System.Web.Services;

public static class Handler {
    public static RecordRef add(WebService service, Record record) {
        return new RecordRef { internalId = record.internalId, type = record.GetType().Name };
    }

    public static Record[] get(WebService service, RecordRef reference) {
        var contact = new Contact {
            internalId = reference.internalId,
            email = "c-1@example.com",
            company = new RecordRef { internalId = "p-1", type = "Partner" },
        };
        var partner = new Partner {
            internalId = "p-1",
            companyName = "ACME & S\u00f6hne",
            creditLimit = 1000.50m,
            creditLimitSpecified = true,
            commission = 7,
            tier = "gold",
        };
        return new Record[] { contact, partner };
    }
}
