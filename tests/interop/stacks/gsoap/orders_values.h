// The Orders answer of tests/interop/scenarios.py (_order), as gSOAP builds and reads it.
static ns1__Line *line(struct soap *soap, const char *id, const char *sku, int qty) {
    ns1__Line *made = soap_new_ns1__Line(soap);
    made->item_id = id;
    made->sku = sku;
    made->qty = qty;
    return made;
}

static ns2__Money *money(struct soap *soap, const char *value, const char *currency) {
    ns2__Money *made = soap_new_ns2__Money(soap);
    made->__item = value;
    if (currency != nullptr) {
        made->currency = soap_new_std__string(soap);
        *made->currency = currency;
    }
    return made;
}

static ns1__Order *order(struct soap *soap, const std::string &key) {
    ns1__Order *parent = soap_new_ns1__Order(soap);
    parent->key = "parent";
    parent->placed = 946684800;  // 2000-01-01T00:00:00Z
    parent->total = money(soap, "0.01", nullptr);
    parent->state = ns1__State__None;
    parent->line.push_back(line(soap, "C-3", "drei", 0));
    parent->__union_Order = SOAP_UNION__ns1__union_Order_voucher;
    parent->union_Order.voucher = soap_new_std__string(soap);
    *parent->union_Order.voucher = "V-9";

    ns1__Order *made = soap_new_ns1__Order(soap);
    made->key = key;
    made->placed = 1709209845;  // 2024-02-29T12:30:45Z
    made->total = money(soap, "12.50", "EUR");
    made->state = ns1__State__shipped;
    made->line.push_back(line(soap, "A-1", "sku <1> & co", 2));
    made->line.push_back(line(soap, "B-2", "zwei", -1));
    made->__union_Order = SOAP_UNION__ns1__union_Order_card;
    made->union_Order.card = soap_new_std__string(soap);
    *made->union_Order.card = "4111 1111";
    made->parent = parent;
    return made;
}
