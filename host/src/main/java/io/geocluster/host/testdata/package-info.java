/**
 * Synthetic test data with ground truth: {@link io.geocluster.host.testdata.InsarCatalogueGenerator}
 * writes an EGMS-style InSAR point catalogue (European Ground Motion Service product description,
 * EGMS-D6.1) in EPSG:3035 whose deformation regime per point is known, so clustering results can be
 * scored against it.
 */
package io.geocluster.host.testdata;
