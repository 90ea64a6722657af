// Seed leadertask_sync as a gSOAP client of soapsmith's server: the three ProcessContactsFiles
// calls of scenarios.py (the full one, empty arrays, nothing).
using namespace interop;

static std::string *text(const char *value) { return value ? new std::string(value) : nullptr; }

static Json optional(const std::string *value) { return value ? str(*value) : null(); }

static Json strings_json(const ns1__ArrayOfString *array) {
    if (array == nullptr) return null();
    return obj({{"string", list(array->string, [](const std::string &s) { return str(s); })}});
}

static Json result_json(const ns1__ProcessContactsFilesResult *r) {
    Json deleted = null(), added = null();
    if (r->list_USCOREprocess_USCOREdeleted != nullptr)
        deleted = obj({{"DeletedObject",
                        list(r->list_USCOREprocess_USCOREdeleted->DeletedObject,
                             [](const ns1__DeletedObject *d) {
                                 return obj({{"uid", optional(d->uid)},
                                             {"error_string", optional(d->error_USCOREstring)}});
                             })}});
    if (r->list_USCOREadd_USCOREobjects != nullptr)
        added = obj({{"LionContactFile",
                      list(r->list_USCOREadd_USCOREobjects->LionContactFile,
                           [](const ns1__LionContactFile *f) {
                               return obj({{"Uid", optional(f->Uid)},
                                           {"ContactUID", optional(f->ContactUID)},
                                           {"__usn_entity",
                                            optional(f->_USCORE_USCOREusn_USCOREentity)}});
                           })}});
    return obj({{"error_code", r->error_USCOREcode ? num(*r->error_USCOREcode) : null()},
                {"error_string", optional(r->error_USCOREstring)},
                {"list_delete_objects", strings_json(r->list_USCOREdelete_USCOREobjects)},
                {"list_send_objects", strings_json(r->list_USCOREsend_USCOREobjects)},
                {"list_process_deleted", deleted},
                {"list_add_objects", added}});
}

static void process(Proxy &proxy, Outcomes &outcomes, ns1__ProcessContactsFiles &request) {
    ns1__ProcessContactsFilesResponse response;
    if (proxy.ProcessContactsFiles(&request, response) == SOAP_OK) {
        const auto *result = response.ProcessContactsFilesResult;
        outcomes.result(result ? obj({{"ProcessContactsFilesResult", result_json(result)}})
                               : obj({}));
    } else {
        outcomes.failed(proxy.soap);
    }
    proxy.destroy();
}

static ns1__ObjClient_USCOREToVerify *to_verify(const char *uid, int *usn) {
    auto *made = new ns1__ObjClient_USCOREToVerify();  // lives as long as the process
    made->_USCOREstr_USCOREuid = text(uid);
    made->_USCOREusn_USCOREentity = usn;
    return made;
}

static ns1__ObjClient_USCOREToRemove *to_remove(const char *uid) {
    auto *made = new ns1__ObjClient_USCOREToRemove();
    made->_USCOREstr_USCOREuid = text(uid);
    return made;
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    static int max_int = 2147483647, min_int = -2147483647 - 1;
    ns1__ArrayOfObjClient_USCOREToVerify verify;
    verify.ObjClient_USCOREToVerify = {
        to_verify("c-1 <&>", &max_int),
        to_verify("\xd0\xba\xd0\xbe\xd0\xbd\xd1\x82\xd0\xb0\xd0\xba\xd1\x82-\xc3\xbc", &min_int),
        to_verify("c-3", nullptr)};
    ns1__ArrayOfObjClient_USCOREToRemove remove;
    remove.ObjClient_USCOREToRemove = {
        to_remove("r-1"), to_remove("\xd1\x83\xd0\xb4\xd0\xb0\xd0\xbb\xd0\xb8\xd1\x82\xd1\x8c \xe2\x9c\x93")};
    ns1__ProcessContactsFiles full;
    full.objects_USCOREto_USCOREverify = &verify;
    full.objects_USCOREto_USCOREremove = &remove;
    full.name = text("\xd0\x9f\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xb7\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x82\xd0"
                     "\xb5\xd0\xbb\xd1\x8c & <Co>");
    full.password = text("p@ss\"'<>&");
    full.str_USCOREuid_USCOREsession = text("s-1");
    process(proxy, outcomes, full);

    ns1__ArrayOfObjClient_USCOREToVerify no_verify;
    ns1__ArrayOfObjClient_USCOREToRemove no_remove;
    ns1__ProcessContactsFiles empty;
    empty.objects_USCOREto_USCOREverify = &no_verify;
    empty.objects_USCOREto_USCOREremove = &no_remove;
    empty.name = text("");
    process(proxy, outcomes, empty);

    ns1__ProcessContactsFiles nothing;
    process(proxy, outcomes, nothing);
}
