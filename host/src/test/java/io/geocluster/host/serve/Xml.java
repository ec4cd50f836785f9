package io.geocluster.host.serve;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Test support: responses read with a namespace-aware DOM. */
final class Xml {
    static final String WPS = "http://www.opengis.net/wps/1.0.0";
    static final String OWS = "http://www.opengis.net/ows/1.1";

    private Xml() {
    }

    static Document parse(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    static List<Element> all(Document d, String ns, String local) {
        NodeList nl = ns == null ? d.getElementsByTagName(local) : d.getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    static List<String> texts(Document d, String ns, String local) {
        return all(d, ns, local).stream().map(e -> e.getTextContent().trim()).toList();
    }

    /** The exceptionCode of an ExceptionReport. */
    static String exceptionCode(byte[] body) throws Exception {
        Document d = parse(body);
        if (!"ExceptionReport".equals(d.getDocumentElement().getLocalName())) {
            throw new AssertionError("not an ExceptionReport: " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        return all(d, OWS, "Exception").get(0).getAttribute("exceptionCode");
    }
}
