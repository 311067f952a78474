package io.warpdrive.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The rules of a configuration annotation: one per element, keyed by property name as
 * Declarative Services names it, with the bounds and options of the Metatype document bnd
 * generates from the annotation ({@code OSGI-INF/metatype/<type>.xml} in the same bundle;
 * the metatype annotations themselves are not kept at run time).
 */
final class MetatypeRules {
    private MetatypeRules() {
    }

    static Map<String, AttributeRule> of(Class<?> type) {
        Map<String, Definition> definitions = definitions(type);
        Map<String, AttributeRule> rules = new LinkedHashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getParameterCount() != 0 || m.isSynthetic() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = propertyName(m.getName());
            Definition ad = definitions.getOrDefault(key, Definition.NONE);
            rules.put(key, new AttributeRule(key, m, ad.min(), ad.max(), ad.options()));
        }
        return rules;
    }

    /**
     * The property name of an element (Declarative Services 1.4, 112.8.2.1): {@code $_$} is
     * {@code -}, {@code $$} is {@code $}, a single {@code $} is dropped, {@code __} is
     * {@code _} and a single {@code _} is {@code .}.
     */
    static String propertyName(String element) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '$') {
                if (element.startsWith("$_$", i)) {
                    key.append('-');
                    i += 2;
                } else if (element.startsWith("$$", i)) {
                    key.append('$');
                    i++;
                }
            } else if (c == '_') {
                if (element.startsWith("__", i)) {
                    key.append('_');
                    i++;
                } else {
                    key.append('.');
                }
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** One {@code AD} of the Metatype document: its bounds (null when absent or blank) and option values. */
    private record Definition(String min, String max, List<String> options) {
        static final Definition NONE = new Definition(null, null, List.of());
    }

    /**
     * Read with SAX, not DOM: Declarative Services already loaded the JDK's SAX parser for the
     * components' descriptors, and a DOM tree added about 90 classes to every start.
     */
    private static Map<String, Definition> definitions(Class<?> type) {
        Map<String, Definition> byId = new HashMap<>();
        ClassLoader loader = type.getClassLoader();
        URL url = loader == null ? null : loader.getResource("OSGI-INF/metatype/" + type.getName() + ".xml");
        if (url == null) {
            return byId;
        }
        try (InputStream in = url.openStream()) {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.newSAXParser().parse(in, new DefaultHandler() {
                private String id;
                private String min;
                private String max;
                private List<String> options;

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("AD".equals(qName)) {
                        id = attributes.getValue("id");
                        min = bound(attributes, "min");
                        max = bound(attributes, "max");
                        options = new ArrayList<>();
                    } else if ("Option".equals(qName) && options != null) {
                        String value = attributes.getValue("value");
                        options.add(value == null ? "" : value);
                    }
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    if ("AD".equals(qName)) {
                        if (id != null) {
                            byId.put(id, new Definition(min, max, options));
                        }
                        options = null;
                    }
                }
            });
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read the Metatype of " + type.getName() + " at " + url + ": " + e, e);
        }
        return byId;
    }

    private static String bound(Attributes ad, String name) {
        String v = ad.getValue(name);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }
}
