package io.geocluster.host.serve.wms;

import java.nio.charset.StandardCharsets;

/**
 * Writes a WMS 1.3.0 {@code ServiceExceptionReport} (OGC 06-042 Annex E.2 schema
 * {@code exceptions_1_3_0.xsd}).
 */
final class ExceptionReport {
    private ExceptionReport() {
    }

    /** The report for one exception, as an answer carrying the exception's HTTP status. */
    static WmsResponse of(WmsException e) {
        StringBuilder xml = new StringBuilder(400);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ServiceExceptionReport version=\"1.3.0\" xmlns=\"http://www.opengis.net/ogc\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"http://www.opengis.net/ogc")
                .append(" http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd\">\n")
                .append("  <ServiceException");
        if (e.code() != null) {
            xml.append(" code=\"").append(Xml.escape(e.code())).append('"');
        }
        if (e.locator() != null) {
            xml.append(" locator=\"").append(Xml.escape(e.locator())).append('"');
        }
        xml.append('>').append(Xml.escape(String.valueOf(e.getMessage()))).append("</ServiceException>\n")
                .append("</ServiceExceptionReport>\n");
        return new WmsResponse(e.status(), WmsResponse.EXCEPTION_TYPE + "; charset=UTF-8",
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
