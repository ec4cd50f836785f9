/*
 * Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/extension/wps/wps-core/src/main/java/org/geoserver/wps/ProcessDismissedException.java
 * The real type ships with the GeoServer WPS extension (gs-wps-core). A deliberate exception to
 * this module's "bodies throw" rule: the embedded host (host/) runs the process classes outside
 * GeoServer and they throw this exception on cancellation, so it carries real bodies: the
 * default message is GeoServer's; the listener constructor keeps the default message, since the
 * maximum-time wording comes from GeoServer's MaxExecutionTimeListener, which does not exist here.
 */
package org.geoserver.wps;

import org.geotools.api.util.ProgressListener;

/**
 * Thrown to make a process stop when its execution was dismissed or ran past the configured
 * maximum time (real bodies; see the header).
 */
public class ProcessDismissedException extends RuntimeException {
    private static final long serialVersionUID = -4266240008696107774L;

    public ProcessDismissedException() {
        super("The process execution has been dismissed");
    }

    public ProcessDismissedException(ProgressListener listener) {
        super("The process execution has been dismissed");
    }

    public ProcessDismissedException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProcessDismissedException(String message) {
        super(message);
    }

    public ProcessDismissedException(Throwable cause) {
        super(cause);
    }
}
