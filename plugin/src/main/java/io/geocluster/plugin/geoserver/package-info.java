/**
 * The layer SPI over GeoServer's catalog: vector layers are read through the feature sources of
 * their {@code FeatureTypeInfo} and coverages through their grid coverage readers; point results
 * are written into a GeoPackage store of the target workspace and label rasters as GeoTIFF
 * coverage stores, then published with {@code CatalogBuilder} and a generated style, following
 * GeoServer's own {@code ImportProcess} (wps-core). Compiled against the declarations of
 * {@code geoserver-api}; the classes GeoServer provides are reached through
 * {@code GeoServerClasses} only.
 */
package io.geocluster.plugin.geoserver;
