package io.geocluster.host.serve;

/**
 * A request the service refuses, reported to the client as an OWS 1.1 {@code ExceptionReport}
 * with one of the exception codes of OGC 05-007r7 (WPS 1.0.0) table 62 and OWS 1.1 table 25.
 */
public final class OwsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The codes this host uses, with the HTTP status it answers with. */
    public enum Code {
        /** a required parameter is absent */
        MissingParameterValue(400),
        /** a parameter has a value the operation does not accept */
        InvalidParameterValue(400),
        /** the request is not one the service offers */
        OperationNotSupported(400),
        /** none of the requested versions is supported */
        VersionNegotiationFailed(400),
        /** the request body or an input is larger than the host accepts */
        FileSizeExceeded(413),
        /** too many executions are running or waiting */
        ServerBusy(503),
        /** any other failure */
        NoApplicableCode(500);

        private final int httpStatus;

        Code(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status of a response carrying this code. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Code code;
    private final String locator;

    /**
     * @param code the exception code
     * @param locator the parameter at fault, or null
     * @param message for the user
     */
    public OwsException(Code code, String locator, String message) {
        super(message);
        this.code = code;
        this.locator = locator;
    }

    /** The exception code. */
    public Code code() {
        return code;
    }

    /** The parameter at fault, or null. */
    public String locator() {
        return locator;
    }
}
