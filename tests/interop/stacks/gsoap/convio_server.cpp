// Seed convio_sync's emitted WSDL: EndSynchronization needs the Session header (else its
// declared SynchronizationFault, without a value); the answer's window is fixed.
int Service::EndSynchronization(ns1__EndSynchronization *request,
                                ns1__EndSynchronizationResponse &response) {
    if (soap->header == nullptr || soap->header->ns1__Session_ == nullptr)
        return soap_receiver_fault(soap, "no session",
                                   "<SynchronizationFault xmlns=\"urn:soap.convio.com\"/>");
    auto *result = soap_new_ns1__Result(soap);
    result->PartitionId = request->PartitionId;  // xs:nonNegativeInteger: its text
    result->Start = 1709280000;                  // 2024-03-01T08:00:00Z
    result->End = 1709325015;                    // 2024-03-01T20:30:15Z
    result->SyncId = std::to_string(std::stoull(request->PartitionId) * 3);
    response.Result = result;
    return SOAP_OK;
}
