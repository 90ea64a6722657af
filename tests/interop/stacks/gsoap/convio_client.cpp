// Seed convio_sync as a gSOAP client of soapsmith's server: EndSynchronization with the Session
// header, then without it (the declared SynchronizationFault, whose element gSOAP keeps as XML).
using namespace interop;

static void end_synchronization(Proxy &proxy, Outcomes &outcomes, const char *partition,
                                const char *session) {
    ns1__EndSynchronization request;
    request.PartitionId = partition;
    if (session != nullptr) {
        auto *header = new ns1__Session();  // lives as long as the process
        header->SessionId = new std::string(session);
        proxy.soap_header(header);
    } else {
        proxy.soap_noheader();
    }
    ns1__EndSynchronizationResponse response;
    if (proxy.EndSynchronization(&request, response) == SOAP_OK) {
        const ns1__Result *r = response.Result;
        outcomes.result(r ? obj({{"Result", obj({{"PartitionId", str(r->PartitionId)},
                                                 {"Start", instant(r->Start)},
                                                 {"End", instant(r->End)},
                                                 {"SyncId", str(r->SyncId)}})}})
                          : obj({}));
    } else {
        const SOAP_ENV__Detail *detail =
            proxy.soap->fault ? proxy.soap->fault->detail : nullptr;
        outcomes.failed(proxy.soap, detail && detail->ns1__SynchronizationFault
                                        ? obj({{"SynchronizationFault", null()}})
                                        : null());
    }
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    end_synchronization(proxy, outcomes, "4294967296", "s-1 <&>");
    end_synchronization(proxy, outcomes, "7", nullptr);
}
