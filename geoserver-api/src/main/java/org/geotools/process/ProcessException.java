/*
 * Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/ProcessException.java
 * The real type ships with GeoServer (gt-process). A deliberate exception to this module's
 * "bodies throw" rule: the embedded host (host/) runs the process classes outside GeoServer and
 * they construct this exception, so it carries the real, trivial bodies (each constructor only
 * calls super, as in GeoTools). GeoServer's own copy wins inside GeoServer: the plugin zip never
 * ships this module.
 */
package org.geotools.process;

/** The failure of a process, reported to the WPS client as an exception report (real bodies; see the header). */
public class ProcessException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProcessException(Throwable cause) {
        super(cause);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProcessException(String message) {
        super(message);
    }
}
