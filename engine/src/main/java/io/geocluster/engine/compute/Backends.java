package io.geocluster.engine.compute;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Picks a {@link ComputeBackend} from the {@code backend} parameter: {@code cpu}, {@code gpu} or
 * {@code auto}.
 */
public final class Backends {
    private Backends() {
    }

    /**
     * Creates the requested backend.
     *
     * @param name {@code auto}, {@code cpu} or {@code gpu} (case-insensitive); {@code null} means auto
     * @param log receives one line explaining an automatic choice
     * @throws IllegalArgumentException for an unknown name, or {@code gpu} when no GPU can be used
     */
    public static ComputeBackend create(String name, Consumer<String> log) {
        String key = name == null ? "auto" : name.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case "cpu":
                return new CpuBackend();
            case "auto":
                log.accept("backend=auto: using the CPU backend (" + Runtime.getRuntime().availableProcessors()
                        + " threads); this build has no GPU backend yet.");
                return new CpuBackend();
            case "gpu":
                throw new IllegalArgumentException("backend=gpu was requested, but this build has no GPU backend;"
                        + " use backend=cpu or backend=auto.");
            default:
                throw new IllegalArgumentException("backend must be auto, cpu or gpu, got '" + name + "'.");
        }
    }
}
