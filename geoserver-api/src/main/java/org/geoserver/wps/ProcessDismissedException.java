/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/extension/wps/wps-core/src/main/java/org/geoserver/wps/ProcessDismissedException.java
 * The real type ships with the GeoServer WPS extension (gs-wps-core); this module is never packaged.
 */
package org.geoserver.wps;

import org.geotools.api.util.ProgressListener;

/**
 * Thrown to make a process stop when its execution was dismissed or ran past the configured
 * maximum time (declaration only).
 */
public class ProcessDismissedException extends RuntimeException {
    private static final long serialVersionUID = -4266240008696107774L;

    public ProcessDismissedException() {
        throw new UnsupportedOperationException();
    }

    public ProcessDismissedException(ProgressListener listener) {
        throw new UnsupportedOperationException();
    }

    public ProcessDismissedException(String message, Throwable cause) {
        super(message, cause);
        throw new UnsupportedOperationException();
    }

    public ProcessDismissedException(String message) {
        super(message);
        throw new UnsupportedOperationException();
    }

    public ProcessDismissedException(Throwable cause) {
        super(cause);
        throw new UnsupportedOperationException();
    }
}
