package io.geocluster.plugin.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the text templates of {@code sld-styles/} from the classpath and fills their placeholders. */
final class Templates {
    /** Where the build copies {@code sld-styles/} inside the plugin jar. */
    static final String RESOURCE_DIR = "/io/geocluster/sld/";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    private Templates() {}

    /** Text of {@code sld-styles/<name>}. */
    static String load(String name) {
        String path = RESOURCE_DIR + name;
        try (InputStream in = Templates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Replaces every {@code ${name}} by its value, in one pass over the template so that a value
     * which itself contains {@code ${...}} (a layer title, say) is never expanded again. Values go
     * in verbatim: escaping is the caller's job.
     *
     * @throws IllegalStateException when the template names a placeholder that has no value, so a
     *     template edited out of step with the code fails loudly instead of shipping "${x}"
     */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder ${" + m.group(1) + "} has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
