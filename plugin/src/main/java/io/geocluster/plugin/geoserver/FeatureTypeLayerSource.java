package io.geocluster.plugin.geoserver;

import io.geocluster.plugin.spi.AttributeInfo;
import io.geocluster.plugin.spi.AttributeType;
import io.geocluster.plugin.spi.LayerCursor;
import io.geocluster.plugin.spi.LayerSchema;
import io.geocluster.plugin.spi.LayerSource;
import io.geocluster.plugin.spi.LayerStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.geoserver.catalog.FeatureTypeInfo;
import org.geotools.api.data.FeatureSource;
import org.geotools.api.data.Query;
import org.geotools.api.feature.Feature;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.feature.type.AttributeDescriptor;
import org.geotools.api.feature.type.FeatureType;
import org.geotools.api.feature.type.GeometryDescriptor;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.feature.FeatureCollection;
import org.geotools.feature.FeatureIterator;
import org.locationtech.jts.geom.Geometry;

/**
 * A GeoServer vector layer ({@link FeatureTypeInfo}) read as a {@link LayerSource}: every pass is
 * one {@code getFeatures(Query)} over the feature source GeoServer hands out for the layer, so
 * the layer's configured CRS handling, filters and security wrappers all apply.
 *
 * <p><b>Reading:</b> the {@code Query} names exactly the attributes the pass needs (the numeric
 * ones, the kept ones and the default geometry), so databases send no other column. The feature
 * iterator of a pass is closed by {@link LayerCursor#close()}, which the processes always call
 * (try-with-resources), on success, failure and cancellation alike.
 *
 * <p><b>Ids:</b> GeoServer feature ids are text ({@code layer.42} for most stores), so the schema's
 * id attribute is a {@link AttributeType#TEXT} pseudo-attribute named {@code source_fid} (or
 * {@code source_fid_1}, ... when the layer has such an attribute): batch ids are its
 * {@link io.geocluster.engine.StableHash} and, when kept, its values are the feature ids.
 *
 * <p><b>Geometry:</b> points give their coordinates. Any other geometry is represented by its JTS
 * interior point ({@link Geometry#getInteriorPoint()}), which lies on the geometry, unlike the
 * centroid of a ring or a curved line; empty or missing geometries give NaN coordinates.
 *
 * <p><b>Limitations:</b> complex (non-simple) feature types, such as app-schema layers, are refused,
 * and so are tables without a primary key, whose features GeoTools identifies afresh on every read.
 * Passes follow the order the store returns features in; stores give the same order on every read
 * of an unchanged table, except that PostgreSQL may start a large sequential scan where a
 * concurrent one is (its {@code synchronize_seqscans} setting).
 */
final class FeatureTypeLayerSource implements LayerSource {
    /** Name of the feature id pseudo-attribute, unless the layer already uses it. */
    static final String ID_NAME = "source_fid";
    /**
     * The ids GeoTools makes up for features of tables without a primary key:
     * {@code "fid-" + java.rmi.server.UID} with ':' replaced by '_' (SimpleFeatureBuilder's
     * {@code createDefaultFeatureId}), after the type name and a dot. They differ on every read.
     */
    private static final Pattern GENERATED_ID = Pattern.compile("(?:^|\\.)fid-(?:-?[0-9a-f]+_){2}-?[0-9a-f]+$");

    private final FeatureSource<SimpleFeatureType, SimpleFeature> features;
    private final GeoServerClasses classes;
    private final String typeName;
    private final String geometryName;
    private final LayerSchema schema;

    FeatureTypeLayerSource(String layerName, FeatureTypeInfo info, GeoServerClasses classes) throws IOException {
        this.classes = classes;
        FeatureSource<? extends FeatureType, ? extends Feature> source = info.getFeatureSource(null, null);
        FeatureType type = source.getSchema();
        if (!(type instanceof SimpleFeatureType)) {
            throw new IllegalArgumentException("Layer '" + layerName + "' has complex features (app-schema or similar);"
                    + " only simple feature types can be clustered");
        }
        @SuppressWarnings("unchecked")
        FeatureSource<SimpleFeatureType, SimpleFeature> simple = (FeatureSource<SimpleFeatureType, SimpleFeature>) source;
        this.features = simple;
        SimpleFeatureType simpleType = (SimpleFeatureType) type;
        GeometryDescriptor geometry = simpleType.getGeometryDescriptor();
        if (geometry == null) {
            throw new IllegalArgumentException("Layer '" + layerName + "' has no geometry; clustering needs point locations");
        }
        this.typeName = simpleType.getTypeName();
        this.geometryName = geometry.getLocalName();
        List<AttributeInfo> attributes = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (AttributeDescriptor d : simpleType.getAttributeDescriptors()) {
            Class<?> binding = d.getType().getBinding();
            taken.add(d.getLocalName().toLowerCase(Locale.ROOT));
            if (!Geometry.class.isAssignableFrom(binding)) {
                attributes.add(new AttributeInfo(d.getLocalName(), typeOf(binding)));
            }
        }
        String id = ID_NAME;
        for (int suffix = 1; taken.contains(id); suffix++) {
            id = ID_NAME + "_" + suffix;
        }
        int count = source.getCount(classes.query(typeName, new String[0]));
        this.schema = new LayerSchema(info.getName(), new AttributeInfo(id, AttributeType.TEXT), attributes,
                info.getSRS(), wkt(geometry.getCoordinateReferenceSystem()), count >= 0 ? count : -1);
        String first = firstId();
        if (first != null && GENERATED_ID.matcher(first).find()) {
            throw new IllegalArgumentException("Layer '" + layerName + "' has no stable feature ids (its table has no"
                    + " primary key, so each read makes up new ids such as " + first + "); add a primary key to the"
                    + " table, or publish a view with one, so that the passes of a run see the same features");
        }
    }

    /** Id of the first feature, read with no attribute at all; {@code null} for an empty layer. */
    private String firstId() throws IOException {
        FeatureIterator<SimpleFeature> it = features.getFeatures(classes.query(typeName, new String[0])).features();
        try {
            return it.hasNext() ? it.next().getID() : null;
        } finally {
            it.close();
        }
    }

    /** How a GeoTools attribute binding maps to the SPI's attribute types. */
    static AttributeType typeOf(Class<?> binding) {
        if (binding == Long.class || binding == Integer.class || binding == Short.class || binding == Byte.class
                || binding == BigInteger.class) {
            return AttributeType.INTEGER;
        }
        return Number.class.isAssignableFrom(binding) ? AttributeType.REAL : AttributeType.TEXT;
    }

    private static String wkt(CoordinateReferenceSystem crs) {
        if (crs == null) {
            return null;
        }
        try {
            return crs.toWKT();
        } catch (UnsupportedOperationException e) {
            return null; // some CRS have no WKT form; the code (getSRS) still identifies them
        }
    }

    @Override
    public LayerSchema schema() {
        return schema;
    }

    @Override
    public LayerStream open(List<String> numeric, List<String> kept) {
        for (String name : numeric) {
            AttributeInfo a = attribute(name);
            if (!a.type().isNumeric()) {
                throw new IllegalArgumentException("Attribute '" + name + "' of layer '" + schema.name()
                        + "' is not numeric (" + a.type() + "); only numeric attributes can be clustered");
            }
        }
        boolean[] keptIsId = new boolean[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            keptIsId[i] = kept.get(i).equals(schema.id().name());
            if (!keptIsId[i]) {
                attribute(kept.get(i));
            }
        }
        Set<String> properties = new LinkedHashSet<>(numeric);
        for (int i = 0; i < kept.size(); i++) {
            if (!keptIsId[i]) {
                properties.add(kept.get(i));
            }
        }
        properties.add(geometryName);
        String[] propertyNames = properties.toArray(new String[0]);
        String[] numericNames = numeric.toArray(new String[0]);
        String[] keptNames = kept.toArray(new String[0]);
        return new LayerStream() {
            @Override
            public int columns() {
                return numericNames.length;
            }

            @Override
            public long sizeHint() {
                return schema.featureCount();
            }

            @Override
            public LayerCursor open() throws IOException {
                Query query = classes.query(typeName, propertyNames.clone());
                FeatureCollection<SimpleFeatureType, SimpleFeature> collection = features.getFeatures(query);
                return new FeatureCursor(collection.features(), numericNames, keptNames, keptIsId);
            }
        };
    }

    private AttributeInfo attribute(String name) {
        return schema.attribute(name).orElseThrow(() -> new IllegalArgumentException("Layer '" + schema.name()
                + "' has no attribute '" + name + "'; it has " + names(schema.attributes())));
    }

    private static String names(List<AttributeInfo> attributes) {
        List<String> names = new ArrayList<>();
        for (AttributeInfo a : attributes) {
            names.add(a.name());
        }
        return String.join(", ", names);
    }

    /** Nothing to release: the feature source belongs to GeoServer's resource pool. */
    @Override
    public void close() {
    }
}
