/**
 * The reader/publisher SPI between the processes and wherever layers live: GeoServer's catalog in
 * the plugin, a folder of files in the host.
 */
package io.geocluster.plugin.spi;
