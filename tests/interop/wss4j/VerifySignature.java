// Verifies the X.509 signature in the wsse:Security header of one SOAP envelope with Apache WSS4J
// 1.6, the way a Java service would: the key comes from the wsse:BinarySecurityToken the
// signature's SecurityTokenReference points at, and that certificate must be one the service
// trusts (here: the one certificate named on the command line); a wsu:Timestamp is checked too.
//
// usage: java VerifySignature TRUSTED_CERT.pem [ENVELOPE_FILE]   (the envelope on stdin if no
// file is named)
//
// Prints one line and exits 0 ("verified CN=client over Timestamp, Body (DIRECT_REF, METHOD)"),
// 1 when the envelope is refused (WSS4J's own message), 2 on a usage error.
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSDataRef;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.components.crypto.Merlin;
import org.w3c.dom.Document;

public final class VerifySignature {
    private VerifySignature() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.out.println("usage: VerifySignature TRUSTED_CERT.pem [ENVELOPE_FILE]");
            System.exit(2);
        }
        Merlin trusted;
        try {
            trusted = trusting(args[0]);
        } catch (Exception e) {
            System.out.println("unreadable certificate: " + e.getMessage());
            System.exit(2);
            return;
        }
        Document envelope;
        try (InputStream in = args.length == 2 ? Files.newInputStream(Paths.get(args[1])) : System.in) {
            envelope = VerifyUsernameToken.parse(in);
        } catch (Exception e) {
            refuse("malformed envelope: " + e.getMessage());
            return;
        }
        try {
            System.out.println(verify(envelope, trusted));
        } catch (WSSecurityException e) {
            refuse(e.getMessage());
        }
    }

    /** A crypto whose trust store holds the one certificate the service trusts. */
    static Merlin trusting(String pem) throws Exception {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(Paths.get(pem))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("trusted", certificate);
        Merlin crypto = new Merlin();
        crypto.setTrustStore(store);
        return crypto;
    }

    static String verify(Document envelope, Merlin trusted) throws WSSecurityException {
        // WSS4J's default configuration: strict timestamps, 300 s time to live, 60 s future skew.
        WSSecurityEngine engine = new WSSecurityEngine();
        List<WSSecurityEngineResult> results = engine.processSecurityHeader(envelope, null, null, trusted);
        if (results == null) {
            throw new WSSecurityException("no wsse:Security header for this actor");
        }
        for (WSSecurityEngineResult result : results) {
            if ((Integer) result.get(WSSecurityEngineResult.TAG_ACTION) != WSConstants.SIGN) {
                continue;
            }
            List<String> signed = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<WSDataRef> references = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            for (WSDataRef reference : references) {
                signed.add(reference.getName().getLocalPart());
            }
            X509Certificate signer = (X509Certificate) result.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
            // DIRECT_REF: the key came from a wsse:BinarySecurityToken the signature points at
            Object reference = result.get(WSSecurityEngineResult.TAG_X509_REFERENCE_TYPE);
            return "verified " + signer.getSubjectX500Principal().getName() + " over "
                    + String.join(", ", signed) + " (" + reference + ", "
                    + result.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD) + ")";
        }
        throw new WSSecurityException("no ds:Signature in wsse:Security");
    }

    private static void refuse(String message) {
        System.out.println(message == null ? "refused" : message.replace('\n', ' '));
        System.exit(1);
    }
}
