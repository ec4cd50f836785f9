package io.geocluster.host.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads WPS 1.0.0 requests: KVP query strings (parameter names case-insensitive, OGC 06-121r3
 * §11.5.2) and the XML bodies of Execute, GetCapabilities and DescribeProcess (OGC 05-007r7 §10.2.2).
 */
final class WpsRequests {
    static final String WPS_NS = "http://www.opengis.net/wps/1.0.0";
    static final String OWS_NS = "http://www.opengis.net/ows/1.1";

    private WpsRequests() {
    }

    /** Query parameters with lower-cased names; a repeated name keeps its first value. */
    static Map<String, String> kvp(String rawQuery) throws OwsException {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return m;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            m.putIfAbsent(name, value);
        }
        return m;
    }

    private static String decode(String s) throws OwsException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OwsException(OwsException.Code.InvalidParameterValue, null, "Malformed URL encoding in the query");
        }
    }

    /** An Execute request from KVP (§10.2.2.1): {@code DataInputs=a=1;b=2@uom=m}, ResponseDocument or RawDataOutput. */
    static ExecuteRequest execute(Map<String, String> kvp) throws OwsException {
        String id = require(kvp, "identifier");
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        String data = kvp.get("datainputs");
        if (data != null && !data.isBlank()) {
            for (String item : data.split(";")) {
                if (item.isBlank()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new OwsException(OwsException.Code.InvalidParameterValue, "DataInputs",
                            "DataInputs items are identifier=value, got '" + Workspace.printable(item) + "'");
                }
                String value = item.substring(eq + 1);
                int at = value.indexOf('@');
                if (at >= 0) {
                    value = value.substring(0, at); // attributes (uom, mimeType...) are not used by these inputs
                }
                // values carry their own percent-encoding for ';', '=' and '@' (§10.2.2.1); the
                // query itself was decoded already, so '+' is a literal plus here, not a space
                inputs.computeIfAbsent(item.substring(0, eq).trim(), k -> new ArrayList<>())
                        .add(decode(value.replace("+", "%2B")));
            }
        }
        Optional<String> raw = Optional.ofNullable(kvp.get("rawdataoutput")).map(v -> outputName(v));
        Map<String, Boolean> outputs = new LinkedHashMap<>();
        String doc = kvp.get("responsedocument");
        if (doc != null && !doc.isBlank()) {
            for (String item : doc.split(";")) {
                if (!item.isBlank()) {
                    outputs.put(outputName(item), item.toLowerCase(Locale.ROOT).contains("@asreference=true"));
                }
            }
        }
        return new ExecuteRequest(id, inputs, raw, outputs, bool(kvp, "storeexecuteresponse"), bool(kvp, "status"));
    }

    private static String outputName(String item) {
        int at = item.indexOf('@');
        int eq = item.indexOf('=');
        int end = at < 0 ? item.length() : at;
        if (eq >= 0 && eq < end) {
            end = eq;
        }
        return item.substring(0, end).trim();
    }

    private static boolean bool(Map<String, String> kvp, String name) throws OwsException {
        String v = kvp.get(name);
        if (v == null || v.isEmpty()) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new OwsException(OwsException.Code.InvalidParameterValue, name, name + " must be true or false, got '"
                + Workspace.printable(v) + "'");
    }

    /** A required KVP parameter. */
    static String require(Map<String, String> kvp, String name) throws OwsException {
        String v = kvp.get(name);
        if (v == null || v.isBlank()) {
            throw new OwsException(OwsException.Code.MissingParameterValue, name, "Parameter '" + name + "' is required");
        }
        return v;
    }

    /** The operation an XML body asks for: the local name of its root element in the WPS namespace. */
    static String operation(Document doc) throws OwsException {
        Element root = doc.getDocumentElement();
        if (!WPS_NS.equals(root.getNamespaceURI())) {
            throw new OwsException(OwsException.Code.OperationNotSupported, "request", "Expected a WPS 1.0.0 request ("
                    + WPS_NS + "), got {" + root.getNamespaceURI() + "}" + root.getLocalName());
        }
        String service = root.getAttribute("service");
        if (!service.isEmpty() && !service.equalsIgnoreCase("WPS")) {
            throw new OwsException(OwsException.Code.InvalidParameterValue, "service", "Unknown service '"
                    + Workspace.printable(service) + "'");
        }
        return root.getLocalName();
    }

    /** The version attribute of the root element (empty when absent). */
    static String version(Document doc) {
        return doc.getDocumentElement().getAttribute("version");
    }

    /** The {@code ows:Identifier} children of the root element (DescribeProcess). */
    static List<String> identifiers(Document doc) {
        List<String> ids = new ArrayList<>();
        for (Element e : children(doc.getDocumentElement(), OWS_NS, "Identifier")) {
            ids.add(e.getTextContent().trim());
        }
        return ids;
    }

    /** An Execute request from its XML body. */
    static ExecuteRequest execute(Document doc) throws OwsException {
        Element root = doc.getDocumentElement();
        String id = identifier(root, "Execute");
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (Element di : children(root, WPS_NS, "DataInputs")) {
            for (Element in : children(di, WPS_NS, "Input")) {
                String name = identifier(in, "Input");
                Element data = child(in, WPS_NS, "Data");
                if (data == null) {
                    if (child(in, WPS_NS, "Reference") != null) {
                        throw new OwsException(OwsException.Code.InvalidParameterValue, name,
                                "Input '" + name + "' is given by reference; this host takes inputs by value only");
                    }
                    throw new OwsException(OwsException.Code.MissingParameterValue, name, "Input '" + name + "' has no wps:Data");
                }
                Element value = child(data, WPS_NS, "LiteralData");
                if (value == null) {
                    value = child(data, WPS_NS, "ComplexData");
                }
                if (value == null) {
                    throw new OwsException(OwsException.Code.InvalidParameterValue, name,
                            "Input '" + name + "' must be wps:LiteralData or wps:ComplexData");
                }
                inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(value.getTextContent());
            }
        }
        Optional<String> raw = Optional.empty();
        Map<String, Boolean> outputs = new LinkedHashMap<>();
        boolean store = false;
        boolean status = false;
        Element form = child(root, WPS_NS, "ResponseForm");
        if (form != null) {
            Element rawOut = child(form, WPS_NS, "RawDataOutput");
            Element docOut = child(form, WPS_NS, "ResponseDocument");
            if (rawOut != null) {
                raw = Optional.of(identifier(rawOut, "RawDataOutput"));
            } else if (docOut != null) {
                store = Boolean.parseBoolean(docOut.getAttribute("storeExecuteResponse").trim());
                status = Boolean.parseBoolean(docOut.getAttribute("status").trim());
                for (Element o : children(docOut, WPS_NS, "Output")) {
                    outputs.put(identifier(o, "Output"), Boolean.parseBoolean(o.getAttribute("asReference").trim()));
                }
            }
        }
        return new ExecuteRequest(id, inputs, raw, outputs, store, status);
    }

    private static String identifier(Element e, String where) throws OwsException {
        Element id = child(e, OWS_NS, "Identifier");
        if (id == null || id.getTextContent().isBlank()) {
            throw new OwsException(OwsException.Code.MissingParameterValue, "Identifier", where + " needs an ows:Identifier");
        }
        return id.getTextContent().trim();
    }

    private static Element child(Element parent, String ns, String local) {
        List<Element> c = children(parent, ns, local);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
