package io.geocluster.host.serve.wms;

/**
 * A request WMS refuses, with the exception code of OGC 06-042 Annex A.3 (or {@code null} for a
 * plain error) and the parameter it is about; it becomes a {@code ServiceExceptionReport}.
 */
public final class WmsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Request parameters have an invalid value (OGC's general code, no standard code fits). */
    public static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";
    /** A required parameter is missing. */
    public static final String MISSING_PARAMETER_VALUE = "MissingParameterValue";
    /** Request for a format not offered. */
    public static final String INVALID_FORMAT = "InvalidFormat";
    /** Request for a CRS the layer is not offered in. */
    public static final String INVALID_CRS = "InvalidCRS";
    /** Request for a layer not offered. */
    public static final String LAYER_NOT_DEFINED = "LayerNotDefined";
    /** Request for a style not offered for the layer. */
    public static final String STYLE_NOT_DEFINED = "StyleNotDefined";
    /** The request names an operation not offered. */
    public static final String OPERATION_NOT_SUPPORTED = "OperationNotSupported";
    /** VERSION names a version not supported. */
    public static final String INVALID_UPDATE_SEQUENCE = "InvalidUpdateSequence";

    private final String code;
    private final String locator;
    private final int status;

    /**
     * @param code OGC exception code, or {@code null}
     * @param locator the parameter concerned, or {@code null}
     * @param message what is wrong, for the client
     */
    public WmsException(String code, String locator, String message) {
        this(code, locator, message, 400);
    }

    /** As {@link #WmsException(String, String, String)} with an explicit HTTP status. */
    public WmsException(String code, String locator, String message, int status) {
        super(message);
        this.code = code;
        this.locator = locator;
        this.status = status;
    }

    /** The OGC exception code, or {@code null}. */
    public String code() {
        return code;
    }

    /** The parameter the error is about, or {@code null}. */
    public String locator() {
        return locator;
    }

    /** HTTP status to answer with. */
    public int status() {
        return status;
    }
}
