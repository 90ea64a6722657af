// Seed worketc_veetro's emitted WSDL: SetOutlookSyncRecord answers the record it was sent (its
// *Specified flags say which value types were there).
public static class Handler {
    public static Record SetOutlookSyncRecord(Veetro service, Record record) {
        return record;
    }
}
