package io.geocluster.engine.compute;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the GPU tests without Maven, on a machine with a GPU (the engine's test classes, the
 * engine's classes and its test class path are all it needs):
 *
 * <pre>java -cp engine/target/classes:engine/target/test-classes:engine/target/gpu-lib/* \
 *     io.geocluster.engine.compute.GpuCheck</pre>
 *
 * <p>Exit status: 0 when every test ran and passed, 1 on a failure, 2 when there is no usable GPU
 * (the GPU tests were skipped; the reason is printed).
 */
public final class GpuCheck {
    private GpuCheck() {
    }

    public static void main(String[] args) {
        GpuProbe.Result probe = GpuProbe.probe();
        System.out.println(probe.available() ? "GPU: " + probe.device() : "no usable GPU: " + probe.reason());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(GpuPtxTest.class), selectClass(GpuFallbackTest.class),
                        selectClass(GpuSharedModeTest.class), selectClass(GpuBackendTest.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 30);
        if (summary.getTotalFailureCount() > 0) {
            System.exit(1);
        }
        System.exit(probe.available() ? 0 : 2);
    }
}
