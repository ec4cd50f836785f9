/*
 * Test double of GeoTools' ProcessException (LGPL), shadowing the compile-only declaration of
 * geoserver-api (whose constructors throw) on the test classpath. Same constructors as read at
 * geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/ProcessException.java
 */
package org.geotools.process;

/** Test double: the failure of a process. */
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
