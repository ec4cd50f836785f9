package io.geocluster.plugin.wps;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import org.geoserver.wps.process.RawData;

/**
 * A process output handed to GeoServer as bytes of a fixed MIME type. GeoServer's
 * {@code RawDataPPIO} writes them out unchanged, so the JSON summary and the PNG chart reach the
 * client exactly as the job produced them (no decode and re-encode of the image).
 *
 * @param data the content; not copied, and not to be modified afterwards
 * @param mimeType e.g. {@code application/json}
 * @param fileExtension e.g. {@code json}, used by GeoServer when it stores the output
 */
public record RawResult(byte[] data, String mimeType, String fileExtension) implements RawData {
    /** MIME type of the summary output. */
    public static final String JSON = "application/json";
    /** MIME type of the profile chart output. */
    public static final String PNG = "image/png";

    /** Checks every part is present. */
    public RawResult {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(fileExtension, "fileExtension");
    }

    /** A JSON document, encoded as UTF-8. */
    public static RawResult json(String json) {
        return new RawResult(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON, "json");
    }

    /** A PNG image. */
    public static RawResult png(byte[] png) {
        return new RawResult(png, PNG, "png");
    }

    @Override
    public String getMimeType() {
        return mimeType;
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(data);
    }

    @Override
    public String getFileExtension() {
        return fileExtension;
    }
}
