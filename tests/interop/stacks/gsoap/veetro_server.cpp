// Seed worketc_veetro's emitted WSDL: SetOutlookSyncRecord answers the record it was sent (absent
// fields are null pointers), for both bindings (wsdl2h collects SOAP 1.1 and 1.2 into one).
int Service::SetOutlookSyncRecord(ns1__SetOutlookSyncRecord *request,
                                  ns1__SetOutlookSyncRecordResponse &response) {
    response.SetOutlookSyncRecordResult = request->Record;
    return SOAP_OK;
}
int Service::SetOutlookSyncRecord_(ns1__SetOutlookSyncRecord *request,
                                   ns1__SetOutlookSyncRecordResponse &response) {
    return SetOutlookSyncRecord(request, response);
}
