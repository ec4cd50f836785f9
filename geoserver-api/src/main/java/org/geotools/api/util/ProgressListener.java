/*
 * Compile-only declaration. Signatures copied from GeoTools (LGPL), read at
 * geotools/geotools modules/library/api/src/main/java/org/geotools/api/util/ProgressListener.java
 * The real type ships with GeoServer; this module is never packaged.
 */
package org.geotools.api.util;

/** Monitors a long operation and lets the caller cancel it (declaration only). */
public interface ProgressListener {
    InternationalString getTask();

    void setTask(InternationalString task);

    void started();

    void progress(float percent);

    float getProgress();

    void complete();

    void dispose();

    boolean isCanceled();

    void setCanceled(boolean cancel);

    void warningOccurred(String source, String location, String warning);

    void exceptionOccurred(Throwable exception);
}
