package io.geocluster.host.serve;

/**
 * A complete answer to one request: status, content type and body.
 *
 * @param status HTTP status
 * @param contentType MIME type of the body
 * @param body the bytes
 */
public record HttpResponse(int status, String contentType, byte[] body) {
    /** XML content type of OGC documents. */
    public static final String XML = "application/xml; charset=UTF-8";

    /** A 200 XML document. */
    static HttpResponse xml(byte[] body) {
        return new HttpResponse(200, XML, body);
    }

    /** An ExceptionReport with the HTTP status of its code. */
    static HttpResponse error(OwsException e) {
        return new HttpResponse(e.code().httpStatus(), XML, WpsXml.exceptionReport(e));
    }
}
