package io.geocluster.host.serve.wms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the WMS 1.3.0 capabilities document (OGC 06-042 §7.2.4, schema
 * {@code capabilities_1_3_0.xsd}): the service, the GetCapabilities, GetMap and (SLD 1.1
 * extension) GetLegendGraphic operations, and one root layer holding every layer with its CRSs,
 * geographic extent, bounding boxes in each CRS's axis order, and its style with a legend URL.
 */
final class Capabilities {
    private Capabilities() {
    }

    /**
     * @param layers every layer, in order
     * @param styleNames the style name of each layer
     * @param serviceUrl the URL requests go to (without query), e.g. {@code http://127.0.0.1:8080/ows}
     */
    static String write(List<WmsLayer> layers, List<String> styleNames, String serviceUrl) {
        String url = Xml.escape(serviceUrl + "?");
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<WMS_Capabilities version=\"1.3.0\" xmlns=\"http://www.opengis.net/wms\"")
                .append(" xmlns:sld=\"http://www.opengis.net/sld\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"http://www.opengis.net/wms")
                .append(" http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd")
                .append(" http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd\">\n")
                .append("  <Service>\n    <Name>WMS</Name>\n    <Title>geocluster</Title>\n")
                .append("    <Abstract>Cluster layers and their sources, drawn with their generated SLD styles</Abstract>\n")
                .append("    <OnlineResource xlink:type=\"simple\" xlink:href=\"").append(url).append("\"/>\n")
                .append("    <LayerLimit>").append(MapRequest.MAX_LAYERS).append("</LayerLimit>\n")
                .append("    <MaxWidth>").append(MapRequest.MAX_SIZE).append("</MaxWidth>\n")
                .append("    <MaxHeight>").append(MapRequest.MAX_SIZE).append("</MaxHeight>\n")
                .append("  </Service>\n  <Capability>\n    <Request>\n");
        operation(x, "GetCapabilities", "text/xml", url, "");
        operation(x, "GetMap", "image/png", url, "");
        operation(x, "GetLegendGraphic", "image/png", url, "sld:");
        x.append("    </Request>\n    <Exception>\n      <Format>XML</Format>\n    </Exception>\n");

        Set<String> allCrs = new LinkedHashSet<>();
        Bounds world = null;
        for (WmsLayer l : layers) {
            allCrs.addAll(CrsCatalog.offered(l.crs()));
            Bounds geo = geographic(l);
            if (geo != null) {
                world = world == null ? geo : union(world, geo);
            }
        }
        x.append("    <Layer>\n      <Title>geocluster layers</Title>\n");
        for (String c : allCrs) {
            x.append("      <CRS>").append(c).append("</CRS>\n");
        }
        if (world != null) {
            geographicBox(x, world, "      ");
        }
        for (int i = 0; i < layers.size(); i++) {
            layer(x, layers.get(i), styleNames.get(i), url);
        }
        x.append("    </Layer>\n  </Capability>\n</WMS_Capabilities>\n");
        return x.toString();
    }

    private static void operation(StringBuilder x, String name, String format, String url, String prefix) {
        x.append("      <").append(prefix).append(name).append(">\n")
                .append("        <Format>").append(format).append("</Format>\n")
                .append("        <DCPType><HTTP><Get><OnlineResource xlink:type=\"simple\" xlink:href=\"")
                .append(url).append("\"/></Get></HTTP></DCPType>\n")
                .append("      </").append(prefix).append(name).append(">\n");
    }

    private static void layer(StringBuilder x, WmsLayer l, String styleName, String url) {
        x.append("      <Layer queryable=\"0\" opaque=\"0\">\n")
                .append("        <Name>").append(Xml.escape(l.name())).append("</Name>\n")
                .append("        <Title>").append(Xml.escape(l.title())).append("</Title>\n")
                // Keywords with a vocabulary let the web page pick the newest cluster layer without a
                // private API: kind, whether a generated style colours it, and its modification time.
                .append("        <KeywordList>\n          <Keyword vocabulary=\"geocluster:kind\">")
                .append(l.kind().name().toLowerCase(Locale.ROOT)).append("</Keyword>\n");
        if (l.style() != null) {
            x.append("          <Keyword vocabulary=\"geocluster:styled\">sld</Keyword>\n");
        }
        x.append("          <Keyword vocabulary=\"geocluster:modified\">")
                .append(Instant.ofEpochMilli(l.modified())).append("</Keyword>\n        </KeywordList>\n");
        List<String> crsList = CrsCatalog.offered(l.crs());
        for (String c : crsList) {
            x.append("        <CRS>").append(c).append("</CRS>\n");
        }
        Bounds geo = geographic(l);
        if (geo != null) {
            geographicBox(x, geo, "        ");
        }
        if (l.bounds() != null) {
            for (String c : crsList) {
                Bounds b = c.equals(l.crs()) ? l.bounds() : new Projector(l.crs(), c).apply(l.bounds());
                if (b != null) {
                    boundingBox(x, c, b);
                }
            }
        }
        String legend = url + "service=WMS&amp;version=1.3.0&amp;request=GetLegendGraphic&amp;format=image%2Fpng&amp;layer="
                + Xml.escape(URLEncoder.encode(l.name(), StandardCharsets.UTF_8));
        x.append("        <Style>\n          <Name>").append(Xml.escape(styleName)).append("</Name>\n")
                .append("          <Title>").append(Xml.escape(styleName)).append("</Title>\n")
                .append("          <LegendURL>\n            <Format>image/png</Format>\n")
                .append("            <OnlineResource xlink:type=\"simple\" xlink:href=\"").append(legend)
                .append("\"/>\n          </LegendURL>\n        </Style>\n      </Layer>\n");
    }

    /** The layer's extent in WGS 84 longitude/latitude, or {@code null} when it cannot be computed. */
    static Bounds geographic(WmsLayer l) {
        if (l.bounds() == null || !CrsCatalog.reprojectable(l.crs())) {
            return null;
        }
        return new Projector(l.crs(), "CRS:84").apply(l.bounds());
    }

    private static void geographicBox(StringBuilder x, Bounds b, String indent) {
        x.append(indent).append("<EX_GeographicBoundingBox>\n")
                .append(indent).append("  <westBoundLongitude>").append(clamp(b.minX(), 180)).append("</westBoundLongitude>\n")
                .append(indent).append("  <eastBoundLongitude>").append(clamp(b.maxX(), 180)).append("</eastBoundLongitude>\n")
                .append(indent).append("  <southBoundLatitude>").append(clamp(b.minY(), 90)).append("</southBoundLatitude>\n")
                .append(indent).append("  <northBoundLatitude>").append(clamp(b.maxY(), 90)).append("</northBoundLatitude>\n")
                .append(indent).append("</EX_GeographicBoundingBox>\n");
    }

    /** A {@code BoundingBox} in the CRS's own axis order (§7.2.4.6.8). */
    private static void boundingBox(StringBuilder x, String crs, Bounds b) {
        boolean swap = CrsCatalog.northFirst(crs);
        x.append("        <BoundingBox CRS=\"").append(crs).append("\" minx=\"").append(swap ? b.minY() : b.minX())
                .append("\" miny=\"").append(swap ? b.minX() : b.minY())
                .append("\" maxx=\"").append(swap ? b.maxY() : b.maxX())
                .append("\" maxy=\"").append(swap ? b.maxX() : b.maxY()).append("\"/>\n");
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    private static Bounds union(Bounds a, Bounds b) {
        return new Bounds(Math.min(a.minX(), b.minX()), Math.min(a.minY(), b.minY()), Math.max(a.maxX(), b.maxX()),
                Math.max(a.maxY(), b.maxY()));
    }
}
