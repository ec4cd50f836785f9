package io.geocluster.host.serve.wms;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the WMS needs from a workspace: the layers it may draw. Implementations must only ever
 * return files inside their workspace, whatever name they are asked for.
 */
public interface WmsLayers {
    /** Every layer, in a stable order. */
    List<WmsLayer> layers() throws IOException;

    /**
     * The layer of that name, or empty when there is none. Names that are not safe
     * ({@link LayerNames#isSafe}) must give empty, never a file outside the workspace.
     */
    default Optional<WmsLayer> layer(String name) throws IOException {
        if (!LayerNames.isSafe(name)) {
            return Optional.empty();
        }
        return layers().stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
