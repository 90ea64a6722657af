// Verifies the wsse:Security header of one SOAP envelope with Apache WSS4J 1.6, the way a Java
// service would: a UsernameToken (PasswordText or PasswordDigest) against one known user, and a
// wsu:Timestamp when the header carries one.
//
// usage: java VerifyUsernameToken USERNAME PASSWORD [ENVELOPE_FILE]   (the envelope on stdin if
// no file is named)
//
// Prints one line and exits 0 ("authenticated NAME (PasswordDigest, Timestamp)"), 1 when the
// envelope is refused (WSS4J's own message, so tests can compare it), 2 on a usage error.
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSPasswordCallback;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.WSUsernameTokenPrincipal;
import org.w3c.dom.Document;
import org.xml.sax.helpers.DefaultHandler;

public final class VerifyUsernameToken {
    private VerifyUsernameToken() {}

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.out.println("usage: VerifyUsernameToken USERNAME PASSWORD [ENVELOPE_FILE]");
            System.exit(2);
        }
        Document envelope;
        try (InputStream in = args.length == 3 ? Files.newInputStream(Paths.get(args[2])) : System.in) {
            envelope = parse(in);
        } catch (Exception e) {
            refuse("malformed envelope: " + e.getMessage());
            return;
        }
        try {
            System.out.println(verify(envelope, args[0], args[1]));
        } catch (WSSecurityException e) {
            refuse(e.getMessage());
        }
    }

    /** Namespace-aware DOM, as WSS4J needs; no DTDs, so no entity tricks reach the engine. */
    static Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        // The default handler prints to stderr as well; the message we print is enough.
        builder.setErrorHandler(new DefaultHandler());
        return builder.parse(in);
    }

    static String verify(Document envelope, String username, String password)
            throws WSSecurityException {
        // WSS4J's default configuration: strict timestamps, 300 s time to live, 60 s future skew.
        WSSecurityEngine engine = new WSSecurityEngine();
        List<WSSecurityEngineResult> results =
                engine.processSecurityHeader(envelope, null, passwords(username, password), null);
        if (results == null) {
            throw new WSSecurityException("no wsse:Security header for this actor");
        }
        WSUsernameTokenPrincipal principal = null;
        boolean timestamp = false;
        for (WSSecurityEngineResult result : results) {
            int action = (Integer) result.get(WSSecurityEngineResult.TAG_ACTION);
            if (action == WSConstants.UT) {
                principal = (WSUsernameTokenPrincipal) result.get(WSSecurityEngineResult.TAG_PRINCIPAL);
            } else if (action == WSConstants.TS) {
                timestamp = true;
            }
        }
        if (principal == null) {
            // A token without a password (UT_NOPASSWORD) authenticates nobody.
            throw new WSSecurityException("no UsernameToken with a password in wsse:Security");
        }
        List<String> checked = new ArrayList<>();
        checked.add(principal.isPasswordDigest() ? "PasswordDigest" : "PasswordText");
        if (timestamp) {
            checked.add("Timestamp");
        }
        return "authenticated " + principal.getName() + " (" + String.join(", ", checked) + ")";
    }

    /** The service's user store: one user. An unknown name gets no password, which WSS4J refuses. */
    static CallbackHandler passwords(String username, String password) {
        return (Callback[] callbacks) -> {
            for (Callback callback : callbacks) {
                if (callback instanceof WSPasswordCallback) {
                    WSPasswordCallback pc = (WSPasswordCallback) callback;
                    if (pc.getUsage() == WSPasswordCallback.USERNAME_TOKEN
                            && username.equals(pc.getIdentifier())) {
                        pc.setPassword(password);
                    }
                }
            }
        };
    }

    private static void refuse(String message) {
        System.out.println(message == null ? "refused" : message.replace('\n', ' '));
        System.exit(1);
    }
}
