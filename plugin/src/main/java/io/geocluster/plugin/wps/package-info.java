/**
 * The WPS face of the clustering processes: {@code cluster:BatchedKMeans},
 * {@code cluster:SmoothedKMeans} and {@code cluster:IIkMC}, described by GeoTools process
 * annotations (OGC WPS 1.0.0 DescribeProcess is generated from them) and registered with
 * GeoServer through {@code geocluster-processes.xml}.
 *
 * <p>The classes here are thin: they turn annotated arguments into the same text inputs the
 * command line gives ({@link io.geocluster.plugin.process.ProcessInputs}), so both validate
 * alike, resolve layers through {@link io.geocluster.plugin.spi.LayerCatalog}, run the process
 * job, and translate its progress, cancellation and errors into what GeoServer's WPS executor
 * expects ({@link io.geocluster.plugin.wps.ListenerMonitor}, {@link io.geocluster.plugin.wps.ProcessRun}).
 */
package io.geocluster.plugin.wps;
