package io.geocluster.host.serve.wms;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's style reduced to what this renderer draws: a colour per value (cluster number or
 * raster class), an optional class for NULL clusters, and a fallback for other values.
 */
public final class LayerStyle {
    /** Grey of the default style and of points that no rule matches. */
    static final Color DEFAULT_FILL = new Color(0x33, 0x66, 0x99);
    static final Color DEFAULT_STROKE = new Color(0x1a, 0x33, 0x4d);
    /** Diameter of the default point symbol in pixels. */
    static final double DEFAULT_SIZE = 6;

    private final String name;
    private final List<StyleClass> classes;
    private final Map<Integer, StyleClass> byValue;
    private final StyleClass nullClass;
    private final StyleClass fallback;

    /**
     * @param name the style name (GetCapabilities and STYLES)
     * @param classes the classes in legend order; values must be distinct
     * @param fallback how values without a class are drawn; {@code null} to draw them not at all
     */
    LayerStyle(String name, List<StyleClass> classes, StyleClass fallback) {
        this.name = name;
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        Map<Integer, StyleClass> map = new HashMap<>();
        StyleClass nulls = null;
        for (StyleClass c : classes) {
            if (c.value() == null) {
                nulls = c;
            } else {
                map.putIfAbsent(c.value(), c);
            }
        }
        this.byValue = map;
        this.nullClass = nulls;
        this.fallback = fallback;
    }

    /** The style drawn when a layer has no SLD: every feature in one blue. */
    static LayerStyle defaultStyle(LayerKind kind) {
        StyleClass one = new StyleClass(null, kind == LayerKind.POINTS ? "Feature" : "Value", DEFAULT_FILL,
                DEFAULT_STROKE, DEFAULT_SIZE);
        return new LayerStyle("default", List.of(one), one);
    }

    /** The style's name. */
    public String name() {
        return name;
    }

    /** The classes, in legend order. */
    public List<StyleClass> classes() {
        return classes;
    }

    /** How a value is drawn, {@code null} for not at all. */
    public StyleClass classOf(Integer value) {
        if (value == null) {
            return nullClass != null ? nullClass : fallback;
        }
        StyleClass c = byValue.get(value);
        return c != null ? c : fallback;
    }
}
