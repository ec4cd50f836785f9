package io.geocluster.host.io;

import java.sql.SQLException;
import java.util.Locale;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageException;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import mil.nga.proj.ProjectionRetriever;

/** Finds or creates, through NGA's {@link SpatialReferenceSystemDao}, the SRS row of an output layer's CRS. */
final class OutputSrs {
    private OutputSrs() {
    }

    /**
     * The SRS row for an authority code; no CRS means the standard's undefined Cartesian SRS (-1).
     *
     * <p>NGA ships WKT only for EPSG 4326, 3857 and 4979. Other codes it knows (its bundled EPSG
     * list of PROJ strings) get a row with the definition {@code undefined}, which the standard
     * allows and which GDAL, QGIS and GeoTools resolve through organization and code; the PROJ
     * string goes into the description for human readers.
     */
    static SpatialReferenceSystem forCrs(GeoPackage geoPackage, String crs, String wkt) throws SQLException {
        SpatialReferenceSystemDao dao = geoPackage.getSpatialReferenceSystemDao();
        if (crs == null) {
            SpatialReferenceSystem undefined = dao.queryForId(-1L);
            return undefined != null ? undefined : dao.createUndefinedCartesian();
        }
        int colon = crs.indexOf(':');
        long code;
        try {
            code = Long.parseLong(crs.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (colon <= 0 || code <= 0) {
            throw new IllegalArgumentException("Unsupported CRS '" + crs + "'; expected an authority code such as EPSG:3035");
        }
        String authority = crs.substring(0, colon).trim().toUpperCase(Locale.ROOT);
        SpatialReferenceSystem existing = dao.queryForOrganizationCoordsysId(authority, code);
        if (existing != null) {
            return existing;
        }
        if (wkt == null) {
            wkt = WellKnownCrs.wkt(authority, code);
        }
        if (wkt != null) {
            // The source's own definition (or one we ship) beats NGA's short list and "undefined".
            SpatialReferenceSystem srs = new SpatialReferenceSystem();
            srs.setSrsName(WellKnownCrs.name(wkt, authority + ":" + code));
            srs.setSrsId(dao.queryForId(code) == null ? code : nextFreeId(dao));
            srs.setOrganization(authority);
            srs.setOrganizationCoordsysId(code);
            srs.setDefinition(wkt);
            dao.create(srs);
            return srs;
        }
        try {
            return dao.getOrCreateCode(authority, code);
        } catch (GeoPackageException notPredefined) {
            String proj = ProjectionRetriever.getProjection(authority, code);
            if (proj == null) {
                throw new IllegalArgumentException("Unknown CRS '" + crs + "': not in NGA's projection list", notPredefined);
            }
            SpatialReferenceSystem srs = new SpatialReferenceSystem();
            srs.setSrsName(authority + ":" + code);
            srs.setSrsId(dao.queryForId(code) == null ? code : nextFreeId(dao));
            srs.setOrganization(authority);
            srs.setOrganizationCoordsysId(code);
            srs.setDefinition("undefined");
            srs.setDescription(proj);
            dao.create(srs);
            return srs;
        }
    }

    private static long nextFreeId(SpatialReferenceSystemDao dao) throws SQLException {
        long max = 0;
        for (SpatialReferenceSystem s : dao.queryForAll()) {
            max = Math.max(max, s.getSrsId());
        }
        return max + 1;
    }

}
