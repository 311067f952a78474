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
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

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
        Map<String, Element> definitions = definitions(type);
        Map<String, AttributeRule> rules = new LinkedHashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getParameterCount() != 0 || m.isSynthetic() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = propertyName(m.getName());
            Element ad = definitions.get(key);
            rules.put(key, new AttributeRule(key, m, attribute(ad, "min"), attribute(ad, "max"), options(ad)));
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

    private static Map<String, Element> definitions(Class<?> type) {
        Map<String, Element> byId = new HashMap<>();
        ClassLoader loader = type.getClassLoader();
        URL url = loader == null ? null : loader.getResource("OSGI-INF/metatype/" + type.getName() + ".xml");
        if (url == null) {
            return byId;
        }
        try (InputStream in = url.openStream()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            Document doc = f.newDocumentBuilder().parse(in);
            NodeList ads = doc.getElementsByTagName("AD");
            for (int i = 0; i < ads.getLength(); i++) {
                Element ad = (Element) ads.item(i);
                byId.put(ad.getAttribute("id"), ad);
            }
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read the Metatype of " + type.getName() + " at " + url + ": " + e, e);
        }
        return byId;
    }

    private static String attribute(Element ad, String name) {
        if (ad == null || !ad.hasAttribute(name)) {
            return null;
        }
        String v = ad.getAttribute(name).trim();
        return v.isEmpty() ? null : v;
    }

    private static List<String> options(Element ad) {
        List<String> options = new ArrayList<>();
        if (ad != null) {
            NodeList list = ad.getElementsByTagName("Option");
            for (int i = 0; i < list.getLength(); i++) {
                options.add(((Element) list.item(i)).getAttribute("value"));
            }
        }
        return options;
    }
}
