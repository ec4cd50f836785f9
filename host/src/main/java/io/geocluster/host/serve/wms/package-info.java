/**
 * OGC Web Map Service 1.3.0 (OGC 06-042) over the host's local layers: GetCapabilities, GetMap
 * (PNG) and GetLegendGraphic (the SLD 1.1 / GeoServer extension request), with published cluster
 * layers drawn in the colours of the SLD 1.0 styles that {@code ClusterStyles} generates.
 *
 * <p>{@link io.geocluster.host.serve.wms.WmsService} is the protocol entry point over a key-value
 * request; {@link io.geocluster.host.serve.wms.WmsHttpHandler} adapts it to the JDK HTTP server,
 * {@link io.geocluster.host.serve.wms.WebPageHandler} serves the bundled OpenLayers page. What a
 * workspace must offer is {@link io.geocluster.host.serve.wms.WmsLayers}.
 */
package io.geocluster.host.serve.wms;
