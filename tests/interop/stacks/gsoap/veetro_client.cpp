// Seed worketc_veetro as a gSOAP client of soapsmith's server: the three SetOutlookSyncRecord
// calls of scenarios.py (VEETRO_FULL, VEETRO_SPARSE, no record), the instants in UTC (gSOAP's
// time_t keeps no zone).
using namespace interop;

// the record's values live as long as the process (a client of three calls)
static std::string *text(const char *value) { return new std::string(value); }
static int *integer(int value) { return new int(value); }
static time_t *instant_of(time_t value) { return new time_t(value); }

template <class T, class F>
static Json optional(const T *value, F show) {
    return value ? show(*value) : null();
}

static Json record_json(const ns1__Record *r) {
    static const char *const statuses[] = {"NA", "InProgress", "Completed"};
    auto s = [](const std::string &v) { return str(v); };
    auto n = [](int v) { return num(v); };
    auto t = [](time_t v) { return instant(v); };
    return obj({{"ImportSyncRecordID", optional(r->ImportSyncRecordID, n)},
                {"VeetroID", optional(r->VeetroID, n)},
                {"EntityID_Owner", optional(r->EntityID_USCOREOwner, n)},
                {"VeetroType", optional(r->VeetroType, s)},
                {"VeetroIDStr", optional(r->VeetroIDStr, s)},
                {"Source", optional(r->Source, s)},
                {"SourceID", optional(r->SourceID, s)},
                {"SyncIdentifier", optional(r->SyncIdentifier, s)},
                {"SourceType", optional(r->SourceType, s)},
                {"SourceName", optional(r->SourceName, s)},
                {"ApplyAction", optional(r->ApplyAction, n)},
                {"ApplyValues", optional(r->ApplyValues, s)},
                {"RemoteTimeStamp", optional(r->RemoteTimeStamp, t)},
                {"Delete", optional(r->Delete, [](bool v) { return boolean(v); })},
                {"CurrentStatusId", optional(r->CurrentStatusId, n)},
                {"Retried", optional(r->Retried, n)},
                {"LocalTimeStamp", optional(r->LocalTimeStamp, t)},
                {"ErrorMsg", optional(r->ErrorMsg, s)},
                {"DateLastModifiedRemoteUtc", optional(r->DateLastModifiedRemoteUtc, t)},
                {"DateLastModifiedLocalUtc", optional(r->DateLastModifiedLocalUtc, t)},
                {"CurrentStatus", optional(r->CurrentStatus,
                                           [](ns1__CurrentStatus v) { return str(statuses[v]); })}});
}

static void set_record(Proxy &proxy, Outcomes &outcomes, ns1__Record *record) {
    ns1__SetOutlookSyncRecord request;
    request.Record = record;
    ns1__SetOutlookSyncRecordResponse response;
    if (proxy.SetOutlookSyncRecord(&request, response) == SOAP_OK) {
        const ns1__Record *result = response.SetOutlookSyncRecordResult;
        outcomes.result(result ? obj({{"SetOutlookSyncRecordResult", record_json(result)}})
                               : obj({}));
    } else {
        outcomes.failed(proxy.soap);
    }
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    ns1__Record full;
    full.ImportSyncRecordID = integer(2147483647);
    full.VeetroID = integer(-2147483647 - 1);
    full.EntityID_USCOREOwner = integer(0);
    full.VeetroType = text("Contact");
    full.VeetroIDStr = text("V-1 <&> \"\xc3\xbc\"");
    full.Source = text("Outlook \xe2\x9c\x93");
    full.SourceID = text("AAMkAGI2=/+");
    full.SyncIdentifier = text("sync/\xc3\xbc/1");
    full.SourceType = text("IPM.Contact");
    full.SourceName = text("J\xc3\xbcrgen O'Brien & Co <x>");
    full.ApplyAction = integer(-1);
    full.ApplyValues = text("a=1&b=<2>\nc=]]>");
    full.RemoteTimeStamp = instant_of(1709231399);        // 2024-02-29T23:59:59+05:30
    full.Delete = new bool(true);
    full.CurrentStatusId = integer(2);
    full.Retried = integer(2147483647);
    full.LocalTimeStamp = instant_of(1704092400);         // 2023-12-31T23:00:00-08:00
    full.ErrorMsg = text("");
    full.DateLastModifiedRemoteUtc = instant_of(1711846800);  // 2024-03-31T01:00:00Z
    full.DateLastModifiedLocalUtc = instant_of(946634398);    // 1999-12-31T23:59:58+14:00
    full.CurrentStatus = new ns1__CurrentStatus(ns1__CurrentStatus__InProgress);
    set_record(proxy, outcomes, &full);

    ns1__Record sparse;
    sparse.VeetroID = integer(1);
    sparse.Source = text("");
    sparse.Delete = new bool(false);
    sparse.CurrentStatus = new ns1__CurrentStatus(ns1__CurrentStatus__NA);
    set_record(proxy, outcomes, &sparse);

    set_record(proxy, outcomes, nullptr);
}
