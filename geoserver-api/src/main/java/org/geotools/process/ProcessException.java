/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/ProcessException.java
 * The real type ships with GeoServer (gt-process); this module is never packaged.
 */
package org.geotools.process;

/** The failure of a process, reported to the WPS client as an exception report (declaration only). */
public class ProcessException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProcessException(Throwable cause) {
        super(cause);
        throw new UnsupportedOperationException();
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
        throw new UnsupportedOperationException();
    }

    public ProcessException(String message) {
        super(message);
        throw new UnsupportedOperationException();
    }
}
