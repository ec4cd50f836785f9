package io.geocluster.plugin.process;

import io.geocluster.engine.iikmc.EmptyClusterRule;
import io.geocluster.engine.iikmc.IikmcOptions;
import io.geocluster.plugin.raster.QaMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The validated inputs of {@code cluster:IIkMC} (DESIGN.md §3).
 *
 * @param scenes the scenes to pool: coverage names in GeoServer, scene folders in the host
 * @param bands the bands read from every scene, in order
 * @param mask which QA flags make a pixel invalid
 * @param options the clustering hyperparameters
 * @param backend {@code auto}, {@code cpu} or {@code gpu}
 * @param outputName prefix of the published label layers and name of the style
 * @param workspace target workspace; null means the default one
 */
public record IikmcParameters(List<String> scenes, List<String> bands, QaMask mask, IikmcOptions options,
                              String backend, String outputName, String workspace) {
    /** Default bands: Landsat 8/9 blue to SWIR 2. */
    public static final String DEFAULT_BANDS = "SR_B2,SR_B3,SR_B4,SR_B5,SR_B6,SR_B7";

    /** Every input of the process, in the order help texts list them. */
    public static final List<ProcessParameter> PARAMETERS = List.of(
            ProcessParameter.required("scenes",
                    "Scenes to pool, comma separated: coverage names in GeoServer, Landsat Collection 2 Level-2 scene folders in the host."),
            ProcessParameter.optional("bands", String.class, DEFAULT_BANDS, "Bands read from every scene, comma separated."),
            ProcessParameter.optional("mask", String.class, QaMask.DEFAULT_SPEC,
                    "QA flags that make a pixel invalid, e.g. qa_pixel:fill,dilated_cloud,cirrus,cloud,cloud_shadow;qa_aerosol:bits=..."),
            ProcessParameter.number("k", Integer.class, Integer.toString(IikmcOptions.DEFAULT_K), 2, IikmcOptions.MAX_K,
                    "Number of classes (at most 255; label 255 is nodata)."),
            ProcessParameter.number("maxIterations", Integer.class, Integer.toString(IikmcOptions.DEFAULT_MAX_ITERATIONS),
                    1, 10_000, "Most Lloyd iterations."),
            ProcessParameter.number("tolerance", Double.class, Double.toString(IikmcOptions.DEFAULT_TOLERANCE), 0, 1,
                    "Stop when under this fraction of the pooled pixels change class."),
            ProcessParameter.optional("emptyClusters", String.class, "cancel",
                    "What happens to a class that loses all its pixels: cancel (the paper's rule) or reseed (moved onto the farthest pixel)."),
            ProcessParameter.optional("backend", String.class, "auto", "Compute backend: auto, cpu or gpu."),
            BatchedKMeansParameters.ENGINE,
            ProcessParameter.optional("outputName", String.class, "iikmc",
                    "Prefix of the published label layers (<outputName>_<scene>) and name of their style."),
            ProcessParameter.optional("workspace", String.class, null,
                    "Workspace the result is published in (GeoServer; the command line writes to --output)."));

    /** Checks the parts and copies the lists. */
    public IikmcParameters {
        scenes = List.copyOf(scenes);
        bands = List.copyOf(bands);
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(outputName, "outputName");
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("scenes must name at least one scene.");
        }
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("bands must name at least one band.");
        }
        if (!outputName.matches("[A-Za-z0-9_.-]+") || outputName.startsWith(".")) {
            throw new IllegalArgumentException("outputName must be letters, digits, '_', '-' or '.', got '"
                    + outputName + "'.");
        }
    }

    /** Builds the parameters from checked inputs. */
    public static IikmcParameters from(ProcessInputs in) {
        IikmcOptions options = new IikmcOptions(in.get("k", Integer.class), in.get("maxIterations", Integer.class),
                in.get("tolerance", Double.class), EmptyClusterRule.parse(in.get("emptyClusters", String.class)));
        return new IikmcParameters(split(in.get("scenes", String.class)), split(in.get("bands", String.class)),
                QaMask.parse(in.get("mask", String.class)), options, in.get("backend", String.class),
                in.get("outputName", String.class), in.get("workspace", String.class));
    }

    /** The name of the label layer published for a scene. */
    public String layerName(String scene) {
        return outputName + "_" + scene;
    }

    static List<String> split(String list) {
        List<String> r = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                r.add(s.strip());
            }
        }
        return r;
    }
}
