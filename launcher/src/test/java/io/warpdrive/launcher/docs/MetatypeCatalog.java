package io.warpdrive.launcher.docs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The configuration keys and defaults the bundles declare: the Metatype XML bnd writes into each
 * bundle's {@code OSGI-INF/metatype/}, read from every jar and classes folder on the class path;
 * the platform's own PIDs ({@code io.warpdrive.*}), not those of the framework's bundles. Keyed by PID (or factory PID), then attribute id; a default is written as the docs write it:
 * values joined by {@code ","}, empty when there is none.
 */
final class MetatypeCatalog {

    private static final String FOLDER = "OSGI-INF/metatype/";
    private static final String PLATFORM = "io.warpdrive.";

    private MetatypeCatalog() {
    }

    static Map<String, Map<String, String>> fromClassPath() throws Exception {
        Map<String, Map<String, String>> pids = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p.resolve(FOLDER))) {
                try (Stream<Path> files = Files.list(p.resolve(FOLDER))) {
                    for (Path xml : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".xml"))::iterator) {
                        try (InputStream in = Files.newInputStream(xml)) {
                            read(in, xml.toString(), pids);
                        }
                    }
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                readJar(p, pids);
            }
        }
        return pids;
    }

    private static void readJar(Path jar, Map<String, Map<String, String>> pids) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith(FOLDER) && entry.getName().endsWith(".xml")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        read(in, jar + "!" + entry.getName(), pids);
                    }
                }
            }
        }
    }

    private static void read(InputStream in, String source, Map<String, Map<String, String>> pids)
            throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in, source);
        Map<String, Element> ocds = new HashMap<>();
        NodeList ocdNodes = doc.getElementsByTagName("OCD");
        for (int i = 0; i < ocdNodes.getLength(); i++) {
            Element ocd = (Element) ocdNodes.item(i);
            ocds.put(ocd.getAttribute("id"), ocd);
        }
        NodeList designates = doc.getElementsByTagName("Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element designate = (Element) designates.item(i);
            String pid = designate.hasAttribute("factoryPid") ? designate.getAttribute("factoryPid")
                    : designate.getAttribute("pid");
            if (!pid.startsWith(PLATFORM)) {
                continue;
            }
            Element object = (Element) designate.getElementsByTagName("Object").item(0);
            Element ocd = ocds.get(object.getAttribute("ocdref"));
            if (ocd == null) {
                throw new IOException(source + ": Designate " + pid + " names no OCD of the file");
            }
            Map<String, String> keys = new TreeMap<>();
            NodeList ads = ocd.getElementsByTagName("AD");
            for (int k = 0; k < ads.getLength(); k++) {
                Element ad = (Element) ads.item(k);
                keys.put(ad.getAttribute("id"), String.join(",", values(ad.getAttribute("default"))));
            }
            if (pids.put(pid, keys) != null) {
                throw new IOException(source + ": PID " + pid + " is declared twice on the class path");
            }
        }
    }

    /** Metatype's default: values separated by unescaped commas, {@code \} escaping a comma or itself. */
    static List<String> values(String metatypeDefault) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < metatypeDefault.length(); i++) {
            char c = metatypeDefault.charAt(i);
            if (c == '\\' && i + 1 < metatypeDefault.length()) {
                value.append(metatypeDefault.charAt(++i));
            } else if (c == ',') {
                values.add(value.toString().strip());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (!value.isEmpty() || !values.isEmpty()) {
            values.add(value.toString().strip());
        }
        return values;
    }
}
