// Seed sanspapier_synchronization as a gSOAP client of soapsmith's server: the four
// SynchronizationAttachment calls of scenarios.py, the fileHash each carries as _attachment_hash
// computes it (the generated handler answers only the values the scenario sends).
using namespace interop;

static unsigned char DOCUMENT[] = {0x00, 0xff, 0xfe, '<', '%', 'P', 'D', 'F', '-', '1', '.', '7',
                                   '>',  '&',  0x80, 0x7f, '\r', '\n'};

struct Attachment {
    const char *token = nullptr, *code = nullptr, *guid = nullptr, *file_hash = nullptr;
    const int *document_id = nullptr;
    const unsigned char *buffer = nullptr;
    int size = 0;
    const LONG64 *offset = nullptr;
    const bool *terminate = nullptr, *allow_checksum_update = nullptr;
};

template <class T>
static T *copy(const T *value) {
    return value ? new T(*value) : nullptr;  // the request's values live as long as the process
}

static std::string *text(const char *value) { return value ? new std::string(value) : nullptr; }

static void attach(Proxy &proxy, Outcomes &outcomes, const Attachment &a) {
    static const char *const results[] = {"OK", "HashError", "UnknownError", "ConnectionError",
                                          "SychronizationError"};
    ns1__SynchronizationAttachment request;
    request.token = text(a.token);
    request.code = text(a.code);
    request.guid = text(a.guid);
    request.documentId = copy(a.document_id);
    if (a.buffer != nullptr) {
        request.buffer = soap_new_xsd__base64Binary(proxy.soap);
        request.buffer->__ptr = const_cast<unsigned char *>(a.buffer);
        request.buffer->__size = a.size;
    }
    request.offset = copy(a.offset);
    request.terminate = copy(a.terminate);
    request.fileHash = text(a.file_hash);
    request.allowChecksumUpdate = copy(a.allow_checksum_update);
    ns1__SynchronizationAttachmentResponse response;
    if (proxy.SynchronizationAttachment(&request, response) == SOAP_OK) {
        auto *result = response.SynchronizationAttachmentResult;
        outcomes.result(result ? obj({{"SynchronizationAttachmentResult", str(results[*result])}})
                               : obj({}));
    } else {
        outcomes.failed(proxy.soap);
    }
    proxy.destroy();
}

void calls(Proxy &proxy, Outcomes &outcomes) {
    static const int max_int = 2147483647, min_int = -2147483647 - 1;
    static const LONG64 max_long = 9223372036854775807LL, min_long = -max_long - 1;
    static const bool yes = true, no = false;
    static unsigned char nothing[1];
    Attachment full;
    full.token = "t\xc3\xb6k&<en>";
    full.code = "C-1 \xe2\x9c\x93";
    full.guid = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    full.document_id = &max_int;
    full.buffer = DOCUMENT;
    full.size = sizeof DOCUMENT;
    full.offset = &max_long;
    full.terminate = &yes;
    full.allow_checksum_update = &no;
    full.file_hash = "046f2bbe8739c594512ae26b5cc5b146";
    attach(proxy, outcomes, full);

    Attachment lower;
    lower.token = "";
    lower.document_id = &min_int;
    lower.buffer = nothing;  // present, empty
    lower.size = 0;
    lower.offset = &min_long;
    lower.terminate = &no;
    lower.allow_checksum_update = &yes;
    lower.file_hash = "c582aa866d7cb5df0c0bc7453c67d939";
    attach(proxy, outcomes, lower);

    Attachment wrong = full;
    wrong.file_hash = "00000000000000000000000000000000";
    attach(proxy, outcomes, wrong);

    attach(proxy, outcomes, Attachment());
}
