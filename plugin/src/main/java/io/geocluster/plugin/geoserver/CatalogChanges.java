package io.geocluster.plugin.geoserver;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.geoserver.catalog.Catalog;
import org.geoserver.catalog.LayerInfo;
import org.geoserver.catalog.ResourceInfo;
import org.geoserver.catalog.StoreInfo;
import org.geoserver.catalog.StyleInfo;

/**
 * The catalog additions of one publication, remembered so that they can be taken back in reverse
 * order when a later step fails: GeoServer's catalog has no transactions, so this is how a failed
 * publication leaves the catalog as it found it.
 *
 * <p><b>Thread safety:</b> none; one publication uses it.
 */
final class CatalogChanges {
    /** An undo step; may fail with an I/O error (deleting a style file). */
    interface Undo {
        void run() throws IOException;
    }

    private final Catalog catalog;
    private final Deque<Undo> undo = new ArrayDeque<>();

    CatalogChanges(Catalog catalog) {
        this.catalog = catalog;
    }

    void add(StoreInfo store) {
        catalog.add(store);
        undo.push(() -> catalog.remove(store));
    }

    void add(ResourceInfo resource) {
        catalog.add(resource);
        undo.push(() -> catalog.remove(resource));
    }

    void add(StyleInfo style) {
        catalog.add(style);
        undo.push(() -> catalog.remove(style));
    }

    void add(LayerInfo layer) {
        catalog.add(layer);
        undo.push(() -> catalog.remove(layer));
    }

    /** Registers an undo step for a change made outside the catalog (a file written). */
    void onUndo(Undo step) {
        undo.push(step);
    }

    /**
     * Takes every change back, last first. Failures of single steps are attached to {@code cause}
     * as suppressed exceptions, and the other steps still run.
     */
    void undo(Throwable cause) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
