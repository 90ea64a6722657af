// Seed superoffice_erpsync's emitted WSDL (SOAP 1.2 only): ForceResyncExternal answers what it
// read (scenarios.py, _plugin_response), its two headers included.
int Service::ForceResyncExternal(ns1__ForceResyncExternal *request,
                                 ns1__ForceResyncExternalResponse &response) {
    const std::string *token = soap->header ? soap->header->ns1__ApplicationToken : nullptr;
    const ns1__Credentials *credentials = soap->header ? soap->header->ns1__Credentials_ : nullptr;
    auto *answer = soap_new_ns1__PluginResponse(soap);
    answer->IsOk = soap_new_bool(soap);
    *answer->IsOk = credentials != nullptr;
    if (token != nullptr) {
        answer->UserExplanation = soap_new_std__string(soap);
        *answer->UserExplanation = *token;
    }
    answer->TechExplanation = request->ErpActorType;
    if (request->ErpConnectionId != nullptr) {
        answer->ErrorCode = soap_new_std__string(soap);
        *answer->ErrorCode = std::to_string(*request->ErpConnectionId);
    }
    if (request->ExternalKeys != nullptr) {
        answer->Changes = soap_new_ns1__ChangedData(soap);
        answer->Changes->AddedRecords = soap_new_ns1__ArrayOfChangedDataItem(soap);
        answer->Changes->DeletedRecords = soap_new_ns1__ArrayOfChangedDataItem(soap);
        int index = 0;
        for (const std::string &key : request->ExternalKeys->string) {
            auto *item = soap_new_ns1__ChangedDataItem(soap);
            item->Tablename = soap_new_std__string(soap);
            *item->Tablename = key;
            item->RecordId = soap_new_int(soap);
            *item->RecordId = index++;
            answer->Changes->AddedRecords->ChangedDataItem.push_back(item);
        }
    }
    answer->Status = soap_new_std__string(soap);
    *answer->Status = credentials && credentials->Ticket ? *credentials->Ticket : "Ok";
    response.Response = answer;
    return SOAP_OK;
}
