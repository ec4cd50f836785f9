package io.geocluster.engine.compute;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Picks a {@link ComputeBackend} from the {@code backend} parameter: {@code cpu}, {@code gpu} or
 * {@code auto}.
 *
 * <p>{@code auto} uses the GPU when {@link GpuProbe} finds a usable device (the build bundles the
 * CUDA kernels, the CUDA driver loads, {@code cuInit} succeeds, device 0 is compute capability
 * 8.0 or newer) and its kernels load, and the CPU otherwise; either way it logs one line saying
 * which and why. Nothing here needs a CUDA driver: without one, the probe's failure is the reason.
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
     *         (the message says why)
     */
    public static ComputeBackend create(String name, Consumer<String> log) {
        String key = name == null ? "auto" : name.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case "cpu":
                return new CpuBackend();
            case "auto": {
                String reason;
                try {
                    GpuBackend gpu = openGpu();
                    log.accept("backend=auto: using the GPU backend (" + gpu.device() + ").");
                    return gpu;
                } catch (IllegalStateException e) {
                    reason = e.getMessage();
                }
                log.accept("backend=auto: using the CPU backend (" + Runtime.getRuntime().availableProcessors()
                        + " threads); " + reason + ".");
                return new CpuBackend();
            }
            case "gpu":
                try {
                    return openGpu();
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException("backend=gpu was requested, but there is " + e.getMessage()
                            + "; use backend=cpu or backend=auto.", e);
                }
            default:
                throw new IllegalArgumentException("backend must be auto, cpu or gpu, got '" + name + "'.");
        }
    }

    /**
     * Opens the GPU backend, or throws {@link IllegalStateException} with "no usable GPU: reason".
     * The probe comes first, so that without a usable device the {@link GpuBackend} class (which
     * links against JCuda) is never loaded.
     */
    private static GpuBackend openGpu() {
        GpuProbe.Result probe = GpuProbe.probe();
        if (!probe.available()) {
            throw new IllegalStateException("no usable GPU: " + probe.reason());
        }
        try {
            return GpuBackend.open();
        } catch (LinkageError e) {
            throw new IllegalStateException("no usable GPU: " + GpuProbe.describe(e), e);
        }
    }
}
