package io.geocluster.host.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the WPS 1.0.0 response documents (OGC 05-007r7) with StAX: Capabilities,
 * ProcessDescriptions, ExecuteResponse (also the status document at {@code statusLocation}) and
 * the OWS 1.1 ExceptionReport. Inside {@code ProcessDescription} the child elements are
 * unqualified, as the WPS 1.0.0 schema declares them.
 */
final class WpsXml {
    static final String WPS = WpsRequests.WPS_NS;
    static final String OWS = WpsRequests.OWS_NS;
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String LANG = "en-US";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter w;

    private WpsXml() throws XMLStreamException {
        w = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
    }

    private void root(String prefix, String local, String ns) throws XMLStreamException {
        w.writeStartElement(prefix, local, ns);
        w.writeNamespace("wps", WPS);
        w.writeNamespace("ows", OWS);
        w.writeNamespace("xlink", XLINK);
        w.writeNamespace("xsi", XSI);
    }

    private byte[] finish() throws XMLStreamException {
        w.writeEndDocument();
        w.close();
        return bytes.toByteArray();
    }

    private void text(String prefix, String local, String ns, String value) throws XMLStreamException {
        if (ns == null) {
            w.writeStartElement(local);
        } else {
            w.writeStartElement(prefix, local, ns);
        }
        w.writeCharacters(value == null ? "" : value);
        w.writeEndElement();
    }

    private void ows(String local, String value) throws XMLStreamException {
        text("ows", local, OWS, value);
    }

    /** An OWS 1.1 ExceptionReport with one exception. */
    static byte[] exceptionReport(OwsException e) {
        try {
            WpsXml x = new WpsXml();
            x.w.writeStartElement("ows", "ExceptionReport", OWS);
            x.w.writeNamespace("ows", OWS);
            x.w.writeAttribute("version", "1.0.0");
            x.w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", LANG);
            x.exception(e);
            x.w.writeEndElement();
            return x.finish();
        } catch (XMLStreamException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void exception(OwsException e) throws XMLStreamException {
        w.writeStartElement("ows", "Exception", OWS);
        w.writeAttribute("exceptionCode", e.code().name());
        if (e.locator() != null) {
            w.writeAttribute("locator", e.locator());
        }
        ows("ExceptionText", e.getMessage());
        w.writeEndElement();
    }

    /** The Capabilities document. */
    static byte[] capabilities(String endpoint, List<ProcessDescription> processes) throws XMLStreamException {
        WpsXml x = new WpsXml();
        XMLStreamWriter w = x.w;
        x.root("wps", "Capabilities", WPS);
        w.writeAttribute("service", "WPS");
        w.writeAttribute("version", "1.0.0");
        w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", LANG);
        w.writeAttribute("xsi", XSI, "schemaLocation", WPS + " http://schemas.opengis.net/wps/1.0.0/wpsGetCapabilities_response.xsd");
        w.writeStartElement("ows", "ServiceIdentification", OWS);
        x.ows("Title", "geocluster");
        x.ows("Abstract", "Clustering of large geospatial catalogues over a local workspace (geocluster serve).");
        x.ows("ServiceType", "WPS");
        x.ows("ServiceTypeVersion", "1.0.0");
        w.writeEndElement();
        w.writeStartElement("ows", "ServiceProvider", OWS);
        x.ows("ProviderName", "geocluster");
        w.writeEmptyElement("ows", "ServiceContact", OWS);
        w.writeEndElement();
        w.writeStartElement("ows", "OperationsMetadata", OWS);
        for (String op : new String[] {"GetCapabilities", "DescribeProcess", "Execute"}) {
            w.writeStartElement("ows", "Operation", OWS);
            w.writeAttribute("name", op);
            w.writeStartElement("ows", "DCP", OWS);
            w.writeStartElement("ows", "HTTP", OWS);
            w.writeEmptyElement("ows", "Get", OWS);
            w.writeAttribute("xlink", XLINK, "href", endpoint + "?");
            w.writeEmptyElement("ows", "Post", OWS);
            w.writeAttribute("xlink", XLINK, "href", endpoint);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeStartElement("wps", "ProcessOfferings", WPS);
        for (ProcessDescription p : processes) {
            w.writeStartElement("wps", "Process", WPS);
            w.writeAttribute("wps", WPS, "processVersion", "1.0.0");
            x.ows("Identifier", p.identifier());
            x.ows("Title", p.title());
            x.ows("Abstract", p.description());
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeStartElement("wps", "Languages", WPS);
        w.writeStartElement("wps", "Default", WPS);
        x.ows("Language", LANG);
        w.writeEndElement();
        w.writeStartElement("wps", "Supported", WPS);
        x.ows("Language", LANG);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        return x.finish();
    }

    /** The ProcessDescriptions document. */
    static byte[] describe(List<ProcessDescription> processes) throws XMLStreamException {
        WpsXml x = new WpsXml();
        XMLStreamWriter w = x.w;
        x.root("wps", "ProcessDescriptions", WPS);
        w.writeAttribute("service", "WPS");
        w.writeAttribute("version", "1.0.0");
        w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", LANG);
        w.writeAttribute("xsi", XSI, "schemaLocation", WPS + " http://schemas.opengis.net/wps/1.0.0/wpsDescribeProcess_response.xsd");
        for (ProcessDescription p : processes) {
            w.writeStartElement("ProcessDescription");
            w.writeAttribute("wps", WPS, "processVersion", "1.0.0");
            w.writeAttribute("storeSupported", "true");
            w.writeAttribute("statusSupported", "true");
            x.ows("Identifier", p.identifier());
            x.ows("Title", p.title());
            x.ows("Abstract", p.description());
            w.writeStartElement("DataInputs");
            for (ProcessDescription.Input in : p.inputs()) {
                w.writeStartElement("Input");
                w.writeAttribute("minOccurs", Integer.toString(in.minOccurs()));
                w.writeAttribute("maxOccurs", Integer.toString(in.maxOccurs()));
                x.ows("Identifier", in.name());
                x.ows("Title", in.name());
                x.ows("Abstract", in.description());
                w.writeStartElement("LiteralData");
                String type = xsType(in.type());
                w.writeStartElement("ows", "DataType", OWS);
                w.writeAttribute("ows", OWS, "reference", "xs:" + type);
                w.writeCharacters(type);
                w.writeEndElement();
                if (in.hasRange()) {
                    w.writeStartElement("ows", "AllowedValues", OWS);
                    w.writeStartElement("ows", "Range", OWS);
                    if (in.minValue() != Double.NEGATIVE_INFINITY) {
                        x.ows("MinimumValue", number(in.type(), in.minValue()));
                    }
                    if (in.maxValue() != Double.POSITIVE_INFINITY) {
                        x.ows("MaximumValue", number(in.type(), in.maxValue()));
                    }
                    w.writeEndElement();
                    w.writeEndElement();
                } else if (in.type() == Boolean.class) {
                    w.writeStartElement("ows", "AllowedValues", OWS);
                    x.ows("Value", "true");
                    x.ows("Value", "false");
                    w.writeEndElement();
                } else {
                    w.writeEmptyElement("ows", "AnyValue", OWS);
                }
                if (in.defaultValue().isPresent()) {
                    x.text(null, "DefaultValue", null, in.defaultValue().get());
                }
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeStartElement("ProcessOutputs");
            for (ProcessDescription.Output out : p.outputs()) {
                w.writeStartElement("Output");
                x.ows("Identifier", out.name());
                x.ows("Title", out.name());
                x.ows("Abstract", out.description());
                if (out.isComplex()) {
                    w.writeStartElement("ComplexOutput");
                    for (String part : new String[] {"Default", "Supported"}) {
                        w.writeStartElement(part);
                        w.writeStartElement("Format");
                        x.text(null, "MimeType", null, out.mimeType().get());
                        w.writeEndElement();
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                } else {
                    w.writeStartElement("LiteralOutput");
                    w.writeStartElement("ows", "DataType", OWS);
                    w.writeAttribute("ows", OWS, "reference", "xs:string");
                    w.writeCharacters("string");
                    w.writeEndElement();
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        return x.finish();
    }

    /**
     * An ExecuteResponse: the immediate answer, or the status document of a stored execution.
     *
     * @param statusLocation where the status can be polled, or null
     * @param outputs the outputs asked for, by name, each with whether it goes by reference
     * @param resultUrl base URL of the job's stored outputs ({@code resultUrl + name})
     */
    static byte[] executeResponse(String endpoint, Job job, String statusLocation, Map<String, Boolean> outputs,
                                  String resultUrl) throws XMLStreamException, IOException {
        WpsXml x = new WpsXml();
        XMLStreamWriter w = x.w;
        x.root("wps", "ExecuteResponse", WPS);
        w.writeAttribute("service", "WPS");
        w.writeAttribute("version", "1.0.0");
        w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", LANG);
        w.writeAttribute("serviceInstance", endpoint + "?service=WPS&request=GetCapabilities");
        if (statusLocation != null) {
            w.writeAttribute("statusLocation", statusLocation);
        }
        w.writeAttribute("xsi", XSI, "schemaLocation", WPS + " http://schemas.opengis.net/wps/1.0.0/wpsExecute_response.xsd");
        w.writeStartElement("wps", "Process", WPS);
        w.writeAttribute("wps", WPS, "processVersion", "1.0.0");
        x.ows("Identifier", job.process().identifier());
        x.ows("Title", job.process().title());
        w.writeEndElement();
        w.writeStartElement("wps", "Status", WPS);
        w.writeAttribute("creationTime", Instant.now().toString());
        switch (job.state()) {
            case ACCEPTED -> x.text("wps", "ProcessAccepted", WPS, "Waiting for an execution slot");
            case STARTED -> {
                w.writeStartElement("wps", "ProcessStarted", WPS);
                w.writeAttribute("percentCompleted", Integer.toString(Math.min(99, job.percentCompleted())));
                w.writeCharacters("Running");
                w.writeEndElement();
            }
            case SUCCEEDED -> x.text("wps", "ProcessSucceeded", WPS, "Done");
            case FAILED -> {
                w.writeStartElement("wps", "ProcessFailed", WPS);
                w.writeStartElement("ows", "ExceptionReport", OWS);
                w.writeAttribute("version", "1.0.0");
                x.exception(job.failure().orElseThrow());
                w.writeEndElement();
                w.writeEndElement();
            }
        }
        w.writeEndElement();
        if (job.state() == Job.State.SUCCEEDED) {
            w.writeStartElement("wps", "ProcessOutputs", WPS);
            for (Map.Entry<String, Boolean> o : outputs.entrySet()) {
                Job.StoredOutput out = job.outputs().get(o.getKey());
                if (out == null) {
                    continue;
                }
                w.writeStartElement("wps", "Output", WPS);
                x.ows("Identifier", out.name());
                x.ows("Title", out.name());
                if (out.file() != null && o.getValue()) {
                    w.writeEmptyElement("wps", "Reference", WPS);
                    w.writeAttribute("href", resultUrl + out.file().getFileName());
                    w.writeAttribute("mimeType", out.mimeType());
                } else {
                    w.writeStartElement("wps", "Data", WPS);
                    if (out.file() == null) {
                        x.text("wps", "LiteralData", WPS, out.literal());
                    } else {
                        w.writeStartElement("wps", "ComplexData", WPS);
                        w.writeAttribute("mimeType", out.mimeType());
                        byte[] data = Files.readAllBytes(out.file());
                        if (out.mimeType().startsWith("image/") || out.mimeType().equals("application/octet-stream")) {
                            w.writeAttribute("encoding", "base64");
                            w.writeCharacters(Base64.getEncoder().encodeToString(data));
                        } else {
                            String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
                            if (text.contains("]]>")) {
                                w.writeCharacters(text);
                            } else {
                                w.writeCData(text);
                            }
                        }
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        w.writeEndElement();
        return x.finish();
    }

    private static String xsType(Class<?> t) {
        if (t == Integer.class) {
            return "int";
        }
        if (t == Long.class) {
            return "long";
        }
        if (t == Double.class || t == Float.class) {
            return "double";
        }
        if (t == Boolean.class) {
            return "boolean";
        }
        return "string";
    }

    private static String number(Class<?> t, double v) {
        return (t == Integer.class || t == Long.class) && v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
