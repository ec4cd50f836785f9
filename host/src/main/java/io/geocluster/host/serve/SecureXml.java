package io.geocluster.host.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses request bodies with JAXP DOM configured against hostile XML: document type
 * declarations are refused outright (so no external or recursive entities, "billion laughs"
 * included), no external DTD or schema is ever fetched, XInclude is off, and JAXP's secure
 * processing limits apply. The body size is limited before parsing, by the caller.
 */
final class SecureXml {
    private SecureXml() {
    }

    /**
     * Parses a namespace-aware document.
     *
     * @throws OwsException {@code InvalidParameterValue} when the body is not well-formed XML or
     *         declares a DTD
     */
    static Document parse(byte[] body) throws OwsException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            return b.parse(new ByteArrayInputStream(body));
        } catch (SAXException e) {
            throw new OwsException(OwsException.Code.InvalidParameterValue, "request",
                    "The request body is not well-formed XML (or declares a DTD, which is refused): " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new OwsException(OwsException.Code.NoApplicableCode, null, "Cannot parse the request: " + e.getMessage());
        }
    }
}
