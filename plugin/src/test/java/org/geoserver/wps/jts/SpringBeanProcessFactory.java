/*
 * Test double of GeoServer's SpringBeanProcessFactory (GPL 2.0), shadowing the compile-only
 * declaration of geoserver-api on the test classpath (test classes come first). It reproduces, in
 * our own words, the behaviour the plugin relies on, as read at
 *   geoserver/geoserver src/extension/wps/wps-core/src/main/java/org/geoserver/wps/jts/SpringBeanProcessFactory.java
 *     (bean discovery by marker interface, names cut at "Process", execute-method lookup)
 *   geotools/geotools modules/unsupported/process/src/main/java/org/geotools/process/factory/AnnotationDrivenProcessFactory.java
 *     (paramInfo: multiplicity, minValue/maxValue metadata, default lookup; addResult;
 *      InvokeMethodProcess: argument building, exception unwrapping, map results)
 *
 * Deviations, all in types only: names are "namespace:local" strings instead of GeoTools Names,
 * parameters are Param records instead of org.geotools.data.Parameter, and process execution is a
 * method here rather than a Process object. Default values are converted for the wrapper types
 * the processes use (GeoTools uses its Converters), and the factory does not register itself
 * with GeoTools' Processors registry (which does not exist in the tests).
 */
package org.geoserver.wps.jts;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.ProcessException;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/** Test double of GeoServer's factory publishing annotated Spring beans as WPS processes. */
public class SpringBeanProcessFactory implements ApplicationContextAware {
    /** One process input or output as GeoTools' AnnotationDrivenProcessFactory describes it. */
    public record Param(String key, Class<?> type, String description, boolean required, int minOccurs,
                        int maxOccurs, Object defaultValue, Map<String, Object> metadata) {
    }

    /** Metadata keys of org.geotools.data.Parameter. */
    public static final String MIN = "min";
    public static final String MAX = "max";

    private final String title;
    private final String namespace;
    private final Class<?> markerInterface;
    private ApplicationContext applicationContext;
    private Map<String, Class<?>> classMap = Map.of();
    private Map<String, String> beanMap = Map.of();

    public SpringBeanProcessFactory(String title, String namespace, Class<?> markerInterface) {
        this.title = title;
        this.namespace = namespace;
        this.markerInterface = markerInterface;
    }

    @Override
    public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
        this.applicationContext = applicationContext;
        classMap = new HashMap<>();
        beanMap = new HashMap<>();
        for (String beanName : applicationContext.getBeanNamesForType(markerInterface, true, true)) {
            Class<?> c = applicationContext.getType(beanName);
            if (c != null) {
                String name = c.getSimpleName();
                if (name.endsWith("Process")) {
                    name = name.substring(0, name.indexOf("Process"));
                }
                classMap.put(name, c);
                beanMap.put(name, beanName);
            }
        }
    }

    public String getTitle() {
        return title;
    }

    /** Process names, sorted, as {@code namespace:local}. */
    public Set<String> getNames() {
        List<String> names = new ArrayList<>(classMap.keySet());
        Collections.sort(names);
        Set<String> result = new LinkedHashSet<>();
        for (String name : names) {
            result.add(namespace + ":" + name);
        }
        return result;
    }

    public DescribeProcess getProcessDescription(String localName) {
        Class<?> c = classMap.get(localName);
        return c == null ? null : c.getAnnotation(DescribeProcess.class);
    }

    /** The annotated {@code execute} method (the real lookup returns null when none is annotated). */
    public Method method(String localName) {
        Class<?> c = classMap.get(localName);
        if (c != null) {
            for (Method m : c.getMethods()) {
                if (m.getName().equals("execute")
                        && (m.getAnnotation(DescribeResult.class) != null || m.getAnnotation(DescribeResults.class) != null)) {
                    return m;
                }
            }
        }
        return null;
    }

    public Map<String, Param> getParameterInfo(String localName) {
        Method method = method(localName);
        Map<String, Param> input = new LinkedHashMap<>();
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (!ProgressListener.class.isAssignableFrom(types[i])) {
                Param p = paramInfo(method.getDeclaringClass(), i, types[i], annotations[i]);
                input.put(p.key(), p);
            }
        }
        return input;
    }

    public Map<String, Param> getResultInfo(String localName) {
        Method method = method(localName);
        Map<String, Param> result = new LinkedHashMap<>();
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation instanceof DescribeResult info) {
                addResult(method, result, info);
            } else if (annotation instanceof DescribeResults infos) {
                for (DescribeResult info : infos.value()) {
                    addResult(method, result, info);
                }
            }
        }
        return result;
    }

    private static void addResult(Method method, Map<String, Param> result, DescribeResult info) {
        Class<?> type = Object.class.equals(info.type()) ? method.getReturnType() : info.type();
        Map<String, Object> metadata = null;
        if (info.meta().length > 0) {
            metadata = new HashMap<>();
            fillMetadata(info.meta(), metadata);
        }
        int min = info.primary() ? 0 : 1;
        result.put(info.name(), new Param(info.name(), type, info.description(), min > 0, min, 1, null, metadata));
    }

    /** The bean of a process, as GeoServer creates it for each execution. */
    public Object createProcessBean(String localName) {
        String beanName = beanMap.get(localName);
        return beanName == null ? null : applicationContext.getBean(beanName);
    }

    /**
     * Executes a process as GeoTools' InvokeMethodProcess does: defaults for missing inputs,
     * multiplicity checks, the listener for the ProgressListener argument, exceptions unwrapped
     * (a ProcessException as is, anything else wrapped), and for map results only the entries
     * named by the result annotations, each checked against its declared type.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> execute(String localName, Map<String, Object> input, ProgressListener monitor)
            throws ProcessException {
        Method method = method(localName);
        Object target = createProcessBean(localName);
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        Object[] args = new Object[types.length];
        for (int i = 0; i < args.length; i++) {
            if (ProgressListener.class.equals(types[i])) {
                args[i] = monitor;
                continue;
            }
            Param p = paramInfo(target.getClass(), i, types[i], annotations[i]);
            Object value = input.get(p.key());
            if (value == null && p.defaultValue() != null) {
                value = p.defaultValue();
            }
            if (value != null && !types[i].isInstance(value)) {
                throw new ProcessException("Could not convert " + value + " to target type " + types[i].getName());
            }
            args[i] = value;
            if (p.minOccurs() > 0 && value == null) {
                throw new ProcessException("Parameter " + p.key() + " is missing but has min multiplicity > 0");
            }
        }
        Object value;
        try {
            value = method.invoke(target, args);
        } catch (IllegalAccessException e) {
            if (monitor != null) {
                monitor.exceptionOccurred(e);
            }
            throw new ProcessException(e);
        } catch (InvocationTargetException e) {
            Throwable t = e.getTargetException();
            if (monitor != null) {
                monitor.exceptionOccurred(t);
            }
            throw t instanceof ProcessException pe ? pe : new ProcessException(t);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> map = (Map<String, Object>) value;
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation instanceof DescribeResults infos) {
                for (DescribeResult info : infos.value()) {
                    Object v = map.get(info.name());
                    if (v != null) {
                        if (!info.type().isInstance(v)) {
                            throw new IllegalArgumentException(method.getName() + " unable to encode result " + v + " as " + info.type());
                        }
                        result.put(info.name(), v);
                    }
                }
            }
        }
        return result;
    }

    private static Param paramInfo(Class<?> process, int i, Class<?> type, Annotation[] annotations) {
        DescribeParameter info = null;
        for (Annotation a : annotations) {
            if (a instanceof DescribeParameter d) {
                info = d;
                break;
            }
        }
        boolean collection = Collection.class.isAssignableFrom(type);
        int min = 1;
        int max = 1;
        if (collection) {
            type = info != null ? info.collectionType() : Object.class;
            min = info != null && info.min() > -1 ? info.min() : 0;
            max = info != null && info.max() > -1 ? info.max() : Integer.MAX_VALUE;
        } else if (type.isArray()) {
            min = info != null && info.min() > -1 ? info.min() : 0;
            max = info != null && info.max() > -1 ? info.max() : Integer.MAX_VALUE;
            type = type.getComponentType();
        } else if (info != null) {
            if (info.min() > 1 || info.max() > 1) {
                throw new IllegalArgumentException("The non collection parameter at index " + i
                        + " cannot have a min or max multiplicity > 1");
            }
            min = info.min() > -1 ? info.min() : 1;
            max = info.max() > -1 ? info.max() : 1;
        }
        if (min > max) {
            throw new IllegalArgumentException("Min occurrences > max occurrences for parameter at index " + i);
        }
        if (min == 0 && max == 1 && type.isPrimitive()) {
            throw new IllegalArgumentException("Optional values cannot be primitives: " + info.name());
        }
        Map<String, Object> metadata = new HashMap<>();
        Object defaultValue = null;
        if (info != null) {
            if (info.minValue() != Double.NEGATIVE_INFINITY) {
                metadata.put(MIN, info.minValue());
            }
            if (info.maxValue() != Double.POSITIVE_INFINITY) {
                metadata.put(MAX, info.maxValue());
            }
            if (!DescribeParameter.DEFAULT_NULL.equals(info.defaultValue())) {
                String text = info.defaultValue();
                defaultValue = constant(text, process, type);
                if (defaultValue == null) {
                    defaultValue = convert(text, type);
                }
                if (defaultValue == null) {
                    throw new IllegalArgumentException("Default value " + text + " could not be converted to target type " + type);
                }
            }
            fillMetadata(info.meta(), metadata);
            return new Param(info.name(), type, info.description(), min > 0, min, max, defaultValue, metadata);
        }
        return new Param("arg" + i, type, "Input " + type.getName() + " value", min > 0, min, max, null, metadata);
    }

    /**
     * GeoTools first reads a default as the name of a static final field of the process class,
     * then of the parameter type, and only then converts the text: a default such as "MAX_VALUE"
     * on an Integer would silently become Integer.MAX_VALUE.
     */
    private static Object constant(String path, Class<?> process, Class<?> type) {
        if (path.contains("#")) {
            throw new UnsupportedOperationException("absolute constant references are not used by the plugin");
        }
        Object result = process == null ? null : field(path, process, type);
        return result != null ? result : field(path, type, type);
    }

    private static Object field(String name, Class<?> holder, Class<?> type) {
        try {
            Field f = holder.getDeclaredField(name);
            if ((f.getModifiers() & (Modifier.FINAL | Modifier.STATIC)) == 0) {
                return null;
            }
            f.setAccessible(true);
            return convert(f.get(null), type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object convert(Object value, Class<?> type) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        String text = value.toString().strip();
        try {
            if (type == Integer.class) {
                return Integer.valueOf(text);
            } else if (type == Long.class) {
                return Long.valueOf(text);
            } else if (type == Double.class) {
                return Double.valueOf(text);
            } else if (type == Boolean.class) {
                return Boolean.valueOf(text);
            } else if (type == String.class) {
                return text;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static void fillMetadata(String[] metas, Map<String, Object> metadata) {
        for (String pair : metas) {
            int idx = pair.indexOf('=');
            if (idx > 0) {
                metadata.put(pair.substring(0, idx), pair.substring(idx + 1));
            } else {
                metadata.put(pair, null);
            }
        }
    }
}
