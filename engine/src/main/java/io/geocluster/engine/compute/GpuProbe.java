package io.geocluster.engine.compute;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Whether this JVM can use the GPU backend: the build bundles the CUDA kernels, the CUDA driver
 * loads ({@code libcuda.so.1} through JCuda's driver-API natives), {@code cuInit} succeeds and
 * device 0 has compute capability 8.0 or newer (the kernels are PTX for {@code compute_80}).
 *
 * <p>The probe runs once per JVM and never throws: any {@link Throwable} from loading the natives
 * or from the driver ({@link UnsatisfiedLinkError}, {@link NoClassDefFoundError},
 * {@code CudaException}) becomes the reason. It touches JCuda only through {@link Driver}, so a
 * JVM without JCuda on the class path fails here with a reason too.
 *
 * <p><b>Thread safety:</b> safe; the first caller probes, later callers read the cached result.
 */
public final class GpuProbe {
    /** Compute capability the bundled PTX needs (major × 10 + minor). */
    static final int MIN_CAPABILITY = 80;

    /**
     * The outcome of a probe.
     *
     * @param reason why the GPU cannot be used, or {@code null} when it can
     * @param device the device's name and compute capability, or {@code null}
     */
    public record Result(String reason, String device) {
        /** Whether the GPU backend can be used. */
        public boolean available() {
            return reason == null;
        }
    }

    private static final Pattern MISSING_LIBRARY = Pattern.compile("[\\w.+-]+\\.so[.\\d]*: cannot open shared object file[^\\n]*");

    private static Result result;

    private GpuProbe() {
    }

    /** Probes once (later calls return the same result). */
    public static synchronized Result probe() {
        if (result == null) {
            result = run();
        }
        return result;
    }

    /** Whether the GPU backend can be used; for test assumptions. */
    public static boolean available() {
        return probe().available();
    }

    private static Result run() {
        if (!CudaKernels.bundled()) {
            return new Result(CudaKernels.NOT_BUNDLED, null);
        }
        try {
            return Driver.probe();
        } catch (Throwable t) {
            return new Result(describe(t), null);
        }
    }

    /** One line naming what failed: the exception's simple name and its message's first line. */
    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        // JCuda's loader reports every attempt in one long message; the useful part is which
        // shared object the dynamic linker could not find (libcuda.so.1 without a driver).
        Matcher missing = MISSING_LIBRARY.matcher(message);
        String lastMissing = null;
        while (missing.find()) {
            lastMissing = missing.group();
        }
        if (t instanceof UnsatisfiedLinkError && lastMissing != null) {
            return "the CUDA driver could not be loaded (" + lastMissing.strip() + ")";
        }
        int eol = message.indexOf('\n');
        if (eol >= 0) {
            message = message.substring(0, eol).strip();
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        String what = t instanceof UnsatisfiedLinkError ? "the CUDA driver could not be loaded ("
                : t instanceof NoClassDefFoundError ? "JCuda is not usable (" : "";
        String core = t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return what.isEmpty() ? core : what + core + ")";
    }

    /** The only class of the probe that names JCuda, so that loading it is inside the try. */
    private static final class Driver {
        static Result probe() {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] < 1) {
                return new Result("the CUDA driver loaded but reports no device", null);
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            String name = name(device);
            int[] major = new int[1];
            int[] minor = new int[1];
            cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
            cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
            String described = name + ", compute capability " + major[0] + "." + minor[0];
            if (major[0] * 10 + minor[0] < MIN_CAPABILITY) {
                return new Result("device 0 (" + described + ") is older than the compute capability 8.0 that the"
                        + " bundled kernels need", described);
            }
            return new Result(null, described);
        }

        static String name(CUdevice device) {
            byte[] bytes = new byte[256];
            cuDeviceGetName(bytes, bytes.length, device);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
    }
}
