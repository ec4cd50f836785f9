package io.geocluster.plugin.wps;

/**
 * Marker of the geocluster WPS processes. The {@code SpringBeanProcessFactory} declared in
 * {@code geocluster-processes.xml} publishes every Spring bean implementing it under the
 * {@code cluster} namespace, named after its class cut at "Process"
 * ({@code BatchedKMeansProcess} → {@code cluster:BatchedKMeans}).
 *
 * <p>The processes deliberately do not implement GeoServer's {@code GeoServerProcess}: that
 * interface makes GeoServer's own factory publish a second, {@code gs:} copy of each.
 */
public interface ClusterProcess {
}
