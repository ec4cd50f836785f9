/**
 * {@code geocluster serve}: the embedded host. The plugin's WPS process beans are created by
 * Spring from the plugin's own {@code geocluster-processes.xml} over a {@link
 * io.geocluster.host.serve.WorkspaceLayerCatalog} (a folder of layers addressed by name), and
 * served as OGC WPS 1.0.0 (OGC 05-007r7; exception reports per OWS Common 1.1, OGC 06-121r3) by
 * the JDK HTTP server, with execution limits in {@link io.geocluster.host.serve.JobManager}.
 * Further OGC services (WMS) plug into {@link io.geocluster.host.serve.HostServer} through
 * {@link io.geocluster.host.serve.OwsHandler}.
 */
package io.geocluster.host.serve;
