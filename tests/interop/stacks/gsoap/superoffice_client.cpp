// Seed superoffice_erpsync as a gSOAP client of soapsmith's server (SOAP 1.2): the three
// ForceResyncExternal calls of scenarios.py, with and without the two headers.
using namespace interop;

static std::string *text(const char *value) { return value ? new std::string(value) : nullptr; }

static Json optional(const std::string *value) { return value ? str(*value) : null(); }

static Json items_json(const ns1__ArrayOfChangedDataItem *array) {
    if (array == nullptr) return null();
    return obj({{"ChangedDataItem",
                 list(array->ChangedDataItem, [](const ns1__ChangedDataItem *item) {
                     return obj({{"Tablename", optional(item->Tablename)},
                                 {"RecordId", item->RecordId ? num(*item->RecordId) : null()}});
                 })}});
}

static Json response_json(const ns1__PluginResponse *r) {
    Json changes = null();
    if (r->Changes != nullptr)
        changes = obj({{"AddedRecords", items_json(r->Changes->AddedRecords)},
                       {"UpdatedRecords", items_json(r->Changes->UpdatedRecords)},
                       {"DeletedRecords", items_json(r->Changes->DeletedRecords)}});
    return obj({{"IsOk", r->IsOk ? boolean(*r->IsOk) : null()},
                {"UserExplanation", optional(r->UserExplanation)},
                {"TechExplanation", optional(r->TechExplanation)},
                {"ErrorCode", optional(r->ErrorCode)},
                {"Changes", changes},
                {"Status", optional(r->Status)}});
}

static void resync(Proxy &proxy, Outcomes &outcomes, ns1__ForceResyncExternal &request,
                   const char *token, const char *ticket) {
    if (token != nullptr || ticket != nullptr) {
        ns1__Credentials *credentials = nullptr;
        if (ticket != nullptr) {
            credentials = new ns1__Credentials();  // lives as long as the process
            credentials->Ticket = text(ticket);
        }
        proxy.soap_header(text(token), credentials);
    } else {
        proxy.soap_noheader();
    }
    ns1__ForceResyncExternalResponse response;
    if (proxy.ForceResyncExternal(&request, response) == SOAP_OK)
        outcomes.result(response.Response ? obj({{"Response", response_json(response.Response)}})
                                          : obj({}));
    else
        outcomes.failed(proxy.soap);
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    static int min_int = -2147483647 - 1, max_int = 2147483647;
    arr__ArrayOfstring keys;
    keys.string = {"k-1", "\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87 \xe2\x9c\x93 <&>", "k-3"};
    ns1__ForceResyncExternal full;
    full.ErpConnectionId = &min_int;
    full.ErpActorType = text("Customer & <Supplier>");
    full.ExternalKeys = &keys;
    resync(proxy, outcomes, full, "1234567-1234-9876", "7T:1234abcxyz+/\xc3\xbc==");

    arr__ArrayOfstring no_keys;
    ns1__ForceResyncExternal bare;
    bare.ErpConnectionId = &max_int;
    bare.ExternalKeys = &no_keys;
    resync(proxy, outcomes, bare, nullptr, nullptr);

    ns1__ForceResyncExternal nothing;
    resync(proxy, outcomes, nothing, nullptr, nullptr);
}
