package io.geocluster.plugin.geoserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geocluster.plugin.geoserver.Fakes.FakeCatalog;
import io.geocluster.plugin.geoserver.Fakes.FakeClasses;
import io.geocluster.plugin.geoserver.Fakes.FakeDataStoreInfo;
import io.geocluster.plugin.geoserver.Fakes.FakeFeatureTypeInfo;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link GeoServerLayerCatalog#sparkInput}: the file of a CSV or GeoParquet store, nothing else. */
class SparkInputTest {
    private final Path dataDirectory = Path.of("/srv/geoserver/data");
    private final FakeCatalog catalog = new FakeCatalog();
    private final GeoServerLayerCatalog layers = new GeoServerLayerCatalog(catalog, () -> dataDirectory,
            new FakeClasses(dataDirectory.resolve("styles")));

    private void layer(String name, String type, Object... parameters) {
        FakeDataStoreInfo store = new FakeDataStoreInfo(name + "_store", catalog.workspace("insar"));
        store.setType(type);
        for (int i = 0; i < parameters.length; i += 2) {
            store.parameters.put((String) parameters[i], (java.io.Serializable) parameters[i + 1]);
        }
        FakeFeatureTypeInfo featureType = new FakeFeatureTypeInfo(name, catalog.workspace("insar"), "EPSG:3035", null);
        featureType.storeInfo = store;
        catalog.publish(featureType);
    }

    @Test
    void csvAndGeoParquetStoresGiveTheirLocation() {
        layer("relative", "CSV", "file", "file:data/egms/burst.csv");
        layer("absolute", "CSV", "file", new File("/mnt/shared/burst.csv"));
        layer("parquet", "GeoParquet", "dbtype", "geoparquet", "uri", "s3a://bucket/insar/");
        layer("local_parquet", "GeoParquet", "dbtype", "geoparquet", "uri", "file:///mnt/shared/insar.parquet");
        assertEquals("/srv/geoserver/data/data/egms/burst.csv", layers.sparkInput("insar:relative"));
        assertEquals("/mnt/shared/burst.csv", layers.sparkInput("insar:absolute"));
        assertEquals("s3a://bucket/insar/", layers.sparkInput("insar:parquet"));
        assertEquals("/mnt/shared/insar.parquet", layers.sparkInput("insar:local_parquet"));
    }

    @Test
    void otherStoresAreRefusedNamingWhatIsNeeded() {
        layer("pg", "PostGIS", "dbtype", "postgis", "host", "db");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layers.sparkInput("insar:pg"));
        assertTrue(e.getMessage().contains("engine=spark needs a CSV or Parquet-backed layer")
                && e.getMessage().contains("PostGIS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layers.sparkInput("insar:missing"));
    }
}
