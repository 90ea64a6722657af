// Seed convio_sync's emitted WSDL: EndSynchronization needs the Session header (else its
// declared SynchronizationFault, without a value); the answer's window is fixed.
using System;
using System.Numerics;
using System.Web.Services.Protocols;
using System.Xml;

public static class Handler {
    public static Result EndSynchronization(ConvioSync service, string partition) {
        if (service.SessionValue == null) {
            var document = new XmlDocument();
            XmlElement detail = document.CreateElement("detail");
            detail.AppendChild(document.CreateElement("SynchronizationFault", "urn:soap.convio.com"));
            throw new SoapException("no session", SoapException.ServerFaultCode, "", detail);
        }
        return new Result {
            PartitionId = partition,
            Start = new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc),
            End = new DateTime(2024, 3, 1, 20, 30, 15, DateTimeKind.Utc),
            SyncId = (BigInteger.Parse(partition) * 3).ToString(),
        };
    }
}
