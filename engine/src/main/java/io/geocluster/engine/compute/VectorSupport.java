package io.geocluster.engine.compute;

/**
 * Whether the incubating Vector API ({@code jdk.incubator.vector}) is in this JVM, so that
 * {@link VectorNearest} may be used. The module is present only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code geocluster} launcher does; GeoServer
 * does when its {@code JAVA_OPTS} say so); otherwise the plain-loop kernel runs, with the same
 * results. {@code -Dgeocluster.vector=false} turns it off.
 *
 * <p>This class names no vector type, so reading the flag never loads the module's classes.
 */
final class VectorSupport {
    /** True when {@link VectorNearest} can be loaded and is wanted. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("geocluster.vector"));

    private VectorSupport() {
    }
}
