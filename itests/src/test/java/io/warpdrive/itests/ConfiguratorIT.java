package io.warpdrive.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import io.warpdrive.admin.Platform;
import io.warpdrive.lib.QueueMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Configuration in the OSGi Configurator's JSON form (the Felix Configurator beside the
 * platform, the optional policies installed too): a bundle carrying
 * {@code OSGI-INF/configurator/warpdrive.json} with every Metatype-described configuration of
 * every installed bundle (singletons by PID, factories as {@code factoryPid~name}), every key
 * with its type. Configuration Admin then holds each of them with every value typed as declared,
 * no component refuses a value or calls a key unknown, a value changed from its default takes
 * effect (the engine's queues per device), and uninstalling the bundle takes the configurations away.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfiguratorIT {
    private static final String ENGINE_PID = "io.warpdrive.engine";
    private static final String FACTORY_NAME = "configurator";
    /**
     * Values other than the defaults: the engine's queues per device (applied live), and the tag a
     * scheduling context needs (it has no default; a context without consumers or tags is refused).
     */
    private static final Map<String, Map<String, String>> CHANGED = Map.of(
            ENGINE_PID, Map.of("queues.default", "3"),
            "io.warpdrive.hypervisor.context~" + FACTORY_NAME, Map.of("tags", "configurator"));

    @Inject
    private BundleContext context;

    @Inject
    private Platform platform;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private MetaTypeService metatype;

    @Inject
    private LogReaderService logReader;

    @Configuration
    public Option[] config() {
        List<Option> extra = new ArrayList<>();
        for (String coordinates : WarpDriveOptions.required("warpdrive.itest.configurator.versions").split(",")) {
            String[] gav = coordinates.split(":");
            extra.add(mavenBundle(gav[0], gav[1], gav[2]).startLevel(WarpDriveOptions.EXTRA_START_LEVEL));
        }
        for (String bsn : List.of("io.warpdrive.sched.rr", "io.warpdrive.sched.locality", "io.warpdrive.sched.coordinator",
                "io.warpdrive.sched.hypervisor")) {
            extra.add(WarpDriveOptions.extraBundle(PolicyJars.path(bsn)));
        }
        return WarpDriveOptions.platform(extra.toArray(new Option[0]));
    }

    @Test
    public void everyMetatypeConfigurationWorksInTheConfiguratorsJson() throws Exception {
        InFramework.awaitGzipBothWays(platform);
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        Map<String, String> jsonKeys = new TreeMap<>();
        StringBuilder json = new StringBuilder("{\n  \":configurator:resource-version\": 1");
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null || !b.getSymbolicName().startsWith("io.warpdrive")) {
                continue;
            }
            for (String pid : info.getPids()) {
                json.append(",\n  ").append(quote(pid)).append(": ")
                        .append(values(info.getObjectClassDefinition(pid, null), pid, expected));
            }
            for (String factoryPid : info.getFactoryPids()) {
                String name = factoryPid + "~" + FACTORY_NAME;
                json.append(",\n  ").append(quote(name)).append(": ")
                        .append(values(info.getObjectClassDefinition(factoryPid, null), name, expected));
            }
        }
        json.append("\n}\n");
        assertTrue("the engine's configuration is described: " + expected.keySet(), expected.containsKey(ENGINE_PID));
        assertTrue("a factory configuration is described: " + expected.keySet(),
                expected.keySet().stream().anyMatch(p -> p.contains("~")));

        ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
        LogListener listener = (LogEntry e) -> {
            if (e.getLogLevel().ordinal() <= LogLevel.WARN.ordinal() && e.getBundle() != null
                    && e.getBundle().getSymbolicName().startsWith("io.warpdrive")) {
                warnings.add(e.getBundle().getSymbolicName() + ": " + e.getMessage());
            }
        };
        logReader.addLogListener(listener);
        Bundle configuration = context.installBundle("configurator:warpdrive.json",
                new ByteArrayInputStream(configurationBundle(json.toString())));
        try {
            configuration.start();
            for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
                String pid = e.getKey();
                InFramework.await("configuration " + pid + " from the JSON", () -> properties(pid) != null);
                Map<String, Object> actual = properties(pid);
                for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
                    Object value = actual.get(v.getKey());
                    assertNotNull(pid + " has " + v.getKey() + ": " + actual, value);
                    assertEquals(pid + " " + v.getKey() + " typed as declared", v.getValue().getClass(), value.getClass());
                    if (value.getClass().isArray()) {
                        assertArrayEquals(pid + " " + v.getKey(), (Object[]) v.getValue(), (Object[]) value);
                    } else {
                        assertEquals(pid + " " + v.getKey(), v.getValue(), value);
                    }
                }
            }
            InFramework.await("three queues per direction on the soft device, as the JSON says",
                    () -> softQueues() == 3);
            assertTrue("no component refused a value or a key of the JSON: " + warnings + "\n" + json,
                    warnings.stream().noneMatch(w -> w.contains("refused") || w.contains("unknown")));
        } finally {
            configuration.uninstall();
            logReader.removeLogListener(listener);
        }
        InFramework.await("the configurations gone with their bundle", () -> expected.keySet().stream()
                .allMatch(pid -> properties(pid) == null));
        InFramework.await("two queues again (the default)", () -> softQueues() == 2);
    }

    /**
     * One configuration's JSON object: every attribute with a default, with its type
     * ({@code "key:Integer": 2}), the {@link #CHANGED} ones with their values.
     */
    private static String values(ObjectClassDefinition ocd, String pid, Map<String, Map<String, Object>> expected) {
        Map<String, Object> typed = new TreeMap<>();
        StringBuilder json = new StringBuilder("{");
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            String[] defaults = ad.getDefaultValue();
            String changed = CHANGED.getOrDefault(pid, Map.of()).get(ad.getID());
            if (changed != null) {
                defaults = new String[] {changed};
            }
            if (defaults == null) {
                continue;
            }
            String type = typeName(ad.getType());
            boolean multiple = ad.getCardinality() != 0;
            json.append(json.length() > 1 ? ", " : "").append(quote(ad.getID() + ":" + type + (multiple ? "[]" : "")))
                    .append(": ");
            if (multiple) {
                json.append('[');
                Object array = Array.newInstance(javaType(ad.getType()), defaults.length);
                for (int i = 0; i < defaults.length; i++) {
                    json.append(i > 0 ? ", " : "").append(quote(defaults[i]));
                    Array.set(array, i, parse(ad.getType(), defaults[i]));
                }
                json.append(']');
                typed.put(ad.getID(), array);
            } else {
                json.append(quote(defaults[0]));
                typed.put(ad.getID(), parse(ad.getType(), defaults[0]));
            }
        }
        expected.put(pid, typed);
        return json.append('}').toString();
    }

    private static String typeName(int type) {
        return javaType(type).getSimpleName();
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }

    private static Object parse(int type, String text) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.valueOf(text);
            case AttributeDefinition.INTEGER -> Integer.valueOf(text);
            case AttributeDefinition.SHORT -> Short.valueOf(text);
            case AttributeDefinition.DOUBLE -> Double.valueOf(text);
            case AttributeDefinition.FLOAT -> Float.valueOf(text);
            case AttributeDefinition.BOOLEAN -> Boolean.valueOf(text);
            default -> text;
        };
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A bundle the Configurator processes: it requires the extender and carries the JSON. */
    private static byte[] configurationBundle(String json) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "io.warpdrive.itests.configuration");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.configurator)(version>=1.0)(!(version>=2.0)))\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            jar.putNextEntry(new JarEntry("OSGI-INF/configurator/warpdrive.json"));
            jar.write(json.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** The configuration's properties by PID (a factory one as factoryPid~name), or null if there is none. */
    private Map<String, Object> properties(String pid) {
        try {
            org.osgi.service.cm.Configuration[] found = configAdmin.listConfigurations(
                    "(" + org.osgi.framework.Constants.SERVICE_PID + "=" + pid + ")");
            if (found == null || found[0].getProperties() == null) {
                return null;
            }
            Map<String, Object> m = new TreeMap<>();
            var props = found[0].getProperties();
            for (var keys = props.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                m.put(k, props.get(k));
            }
            return m;
        } catch (IllegalStateException e) {
            return null; // deleted between the listing and the read: the bundle's uninstall removes them
        } catch (IOException | InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private int softQueues() {
        return platform.queueCount("soft", null, QueueMode.SHARED);
    }
}
