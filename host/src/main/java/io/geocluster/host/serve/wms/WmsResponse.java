package io.geocluster.host.serve.wms;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An answer of the WMS service: HTTP status, content type and body.
 *
 * @param status HTTP status code
 * @param contentType MIME type of {@code body}
 * @param body the bytes to send
 */
public record WmsResponse(int status, String contentType, byte[] body) {
    /** MIME type of exception reports (OGC 06-042 §6.11.2). */
    public static final String EXCEPTION_TYPE = "text/xml";

    /** Checks the fields. */
    public WmsResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** A 200 answer. */
    static WmsResponse ok(String contentType, byte[] body) {
        return new WmsResponse(200, contentType, body);
    }

    /** The body as UTF-8 text (for XML answers and tests). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether this answer is a {@code ServiceExceptionReport}. */
    public boolean isException() {
        return contentType.startsWith(EXCEPTION_TYPE) && text().contains("ServiceExceptionReport");
    }
}
