/*
 * Compile-only declaration. Signatures copied from GeoServer (GPL 2.0), read at
 * geoserver/geoserver src/extension/wps/wps-core/src/main/java/org/geoserver/wps/process/RawData.java
 * The real type ships with the GeoServer WPS extension (gs-wps-core); this module is never packaged.
 */
package org.geoserver.wps.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * A raw (binary or text) process input or output with its MIME type, encoded by GeoServer's
 * {@code RawDataPPIO} without conversion (declaration only).
 */
public interface RawData {
    public String getMimeType();

    public InputStream getInputStream() throws IOException;

    public String getFileExtension();
}
