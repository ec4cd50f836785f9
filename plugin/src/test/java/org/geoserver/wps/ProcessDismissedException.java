/*
 * Test double of GeoServer's ProcessDismissedException (GPL 2.0), shadowing the compile-only
 * declaration of geoserver-api (whose constructors throw) on the test classpath. Same constructors
 * and default message as read at
 * geoserver/geoserver src/extension/wps/wps-core/src/main/java/org/geoserver/wps/ProcessDismissedException.java
 * The listener constructor keeps the default message: the maximum-time wording needs GeoServer's
 * MaxExecutionTimeListener, which the tests do not have.
 */
package org.geoserver.wps;

import org.geotools.api.util.ProgressListener;

/** Test double: thrown to stop a dismissed process. */
public class ProcessDismissedException extends RuntimeException {
    private static final long serialVersionUID = -4266240008696107774L;

    /** The listener the exception was built from, for tests to check. */
    public final transient ProgressListener listener;

    public ProcessDismissedException() {
        this("The process execution has been dismissed");
    }

    public ProcessDismissedException(ProgressListener listener) {
        super("The process execution has been dismissed");
        this.listener = listener;
    }

    public ProcessDismissedException(String message, Throwable cause) {
        super(message, cause);
        this.listener = null;
    }

    public ProcessDismissedException(String message) {
        super(message);
        this.listener = null;
    }

    public ProcessDismissedException(Throwable cause) {
        super(cause);
        this.listener = null;
    }
}
