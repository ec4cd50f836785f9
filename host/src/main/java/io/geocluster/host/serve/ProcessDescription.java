package io.geocluster.host.serve;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/**
 * What WPS says about one process, read from the same GeoTools annotations GeoServer's
 * {@code AnnotatedBeanProcessFactory} reads: {@code @DescribeProcess} on the class,
 * {@code @DescribeParameter} on the arguments of its {@code execute} method, and
 * {@code @DescribeResults} on that method. The process name follows GeoServer's
 * {@code SpringBeanProcessFactory}: the namespace, a colon, and the class's simple name cut at
 * "Process".
 *
 * @param identifier e.g. {@code cluster:BatchedKMeans}
 * @param title the title
 * @param description the abstract
 * @param inputs inputs in argument order
 * @param outputs outputs in declaration order
 * @param bean the process object
 * @param execute its annotated method
 */
public record ProcessDescription(String identifier, String title, String description, List<Input> inputs,
                                 List<Output> outputs, Object bean, Method execute) {

    /**
     * One input.
     *
     * @param name identifier
     * @param description abstract
     * @param type Java type of the argument (String, Integer, Long, Double, Boolean)
     * @param minOccurs 0 or 1
     * @param maxOccurs at least 1
     * @param defaultValue default as text, if any
     * @param minValue lower bound (−∞ when none)
     * @param maxValue upper bound (+∞ when none)
     * @param argument position in {@code execute}'s arguments
     */
    public record Input(String name, String description, Class<?> type, int minOccurs, int maxOccurs,
                        Optional<String> defaultValue, double minValue, double maxValue, int argument) {
        /** Whether the type is a number with a finite bound on either side. */
        public boolean hasRange() {
            return Number.class.isAssignableFrom(type) && (minValue != Double.NEGATIVE_INFINITY || maxValue != Double.POSITIVE_INFINITY);
        }
    }

    /**
     * One output.
     *
     * @param name identifier
     * @param description abstract
     * @param mimeType for complex (RawData) outputs, their MIME type; empty for literal strings
     */
    public record Output(String name, String description, Optional<String> mimeType) {
        /** Whether this is a ComplexOutput (bytes of a MIME type) rather than a LiteralOutput. */
        public boolean isComplex() {
            return mimeType.isPresent();
        }
    }

    /** Copies the lists. */
    public ProcessDescription {
        Objects.requireNonNull(identifier, "identifier");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The input of that name. */
    public Optional<Input> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The output of that name. */
    public Optional<Output> output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * Reads the annotations of a process bean.
     *
     * @param namespace e.g. {@code cluster}
     * @throws IllegalArgumentException when the class lacks the annotations or an annotated
     *         {@code execute} method
     */
    public static ProcessDescription of(String namespace, Object bean) {
        Class<?> type = bean.getClass();
        DescribeProcess dp = type.getAnnotation(DescribeProcess.class);
        if (dp == null) {
            throw new IllegalArgumentException(type.getName() + " has no @DescribeProcess");
        }
        Method execute = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals("execute") && m.isAnnotationPresent(DescribeResults.class)) {
                execute = m;
            }
        }
        if (execute == null) {
            throw new IllegalArgumentException(type.getName() + " has no execute method annotated with @DescribeResults");
        }
        List<Input> inputs = new ArrayList<>();
        Parameter[] params = execute.getParameters();
        for (int i = 0; i < params.length; i++) {
            DescribeParameter d = params[i].getAnnotation(DescribeParameter.class);
            if (d == null) {
                if (!ProgressListener.class.isAssignableFrom(params[i].getType())) {
                    throw new IllegalArgumentException(type.getName() + ".execute argument " + i + " is not described");
                }
                continue;
            }
            Optional<String> def = DescribeParameter.DEFAULT_NULL.equals(d.defaultValue())
                    ? Optional.empty() : Optional.of(d.defaultValue());
            // GeoTools: min < 0 means 1 (0 when a default exists), max < 0 means 1
            int min = d.min() >= 0 ? d.min() : def.isPresent() ? 0 : 1;
            int max = d.max() >= 0 ? Math.max(1, d.max()) : 1;
            inputs.add(new Input(d.name(), d.description(), params[i].getType(), min, max, def, d.minValue(), d.maxValue(), i));
        }
        List<Output> outputs = new ArrayList<>();
        for (DescribeResult r : execute.getAnnotation(DescribeResults.class).value()) {
            Optional<String> mime = Optional.empty();
            for (String meta : r.meta()) {
                if (meta.startsWith("mimeTypes=")) {
                    mime = Optional.of(meta.substring("mimeTypes=".length()).split(",")[0].trim());
                }
            }
            if (mime.isEmpty() && r.type() != String.class) {
                mime = Optional.of("application/octet-stream");
            }
            outputs.add(new Output(r.name(), r.description(), mime));
        }
        String simple = type.getSimpleName();
        int cut = simple.indexOf("Process");
        String name = cut > 0 ? simple.substring(0, cut) : simple;
        return new ProcessDescription(namespace + ":" + name, dp.title(), dp.description(),
                Collections.unmodifiableList(inputs), outputs, bean, execute);
    }
}
