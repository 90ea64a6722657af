// Seed leadertask_sync's emitted WSDL: ProcessContactsFiles answers what it read, rearranged
// (scenarios.py, _contacts_result).
int Service::ProcessContactsFiles(ns1__ProcessContactsFiles *request,
                                  ns1__ProcessContactsFilesResponse &response) {
    const auto *verify = request->objects_USCOREto_USCOREverify;
    const auto *remove = request->objects_USCOREto_USCOREremove;
    auto *result = soap_new_ns1__ProcessContactsFilesResult(soap);
    result->error_USCOREcode = soap_new_int(soap);
    *result->error_USCOREcode =
        verify ? static_cast<int>(verify->ObjClient_USCOREToVerify.size()) : 0;
    result->error_USCOREstring = request->name;
    if (remove != nullptr) {
        result->list_USCOREdelete_USCOREobjects = soap_new_ns1__ArrayOfString(soap);
        result->list_USCOREprocess_USCOREdeleted = soap_new_ns1__ArrayOfDeletedObject(soap);
        for (const auto *object : remove->ObjClient_USCOREToRemove) {
            result->list_USCOREdelete_USCOREobjects->string.push_back(*object->_USCOREstr_USCOREuid);
            auto *deleted = soap_new_ns1__DeletedObject(soap);
            deleted->uid = object->_USCOREstr_USCOREuid;
            deleted->error_USCOREstring = request->password;
            result->list_USCOREprocess_USCOREdeleted->DeletedObject.push_back(deleted);
        }
    }
    if (verify != nullptr) {
        result->list_USCOREsend_USCOREobjects = soap_new_ns1__ArrayOfString(soap);
        result->list_USCOREadd_USCOREobjects = soap_new_ns1__ArrayOfLionContactFile(soap);
        for (const auto *object : verify->ObjClient_USCOREToVerify) {
            result->list_USCOREsend_USCOREobjects->string.push_back(*object->_USCOREstr_USCOREuid);
            auto *file = soap_new_ns1__LionContactFile(soap);
            file->Uid = object->_USCOREstr_USCOREuid;
            file->ContactUID = request->str_USCOREuid_USCOREsession;
            if (object->_USCOREusn_USCOREentity != nullptr) {
                file->_USCORE_USCOREusn_USCOREentity = soap_new_std__string(soap);
                *file->_USCORE_USCOREusn_USCOREentity =
                    std::to_string(*object->_USCOREusn_USCOREentity);
            }
            result->list_USCOREadd_USCOREobjects->LionContactFile.push_back(file);
        }
    }
    response.ProcessContactsFilesResult = result;
    return SOAP_OK;
}
