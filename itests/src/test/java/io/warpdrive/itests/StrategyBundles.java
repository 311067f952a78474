package io.warpdrive.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * A resize-strategy bundle made up by a test: the classes of {@code io.warpdrive.itests.strategy}
 * (copied as bytes, never loaded by the probe) with a manifest that imports the SPI, so it wires
 * to whichever hypervisor bundle is installed.
 */
final class StrategyBundles {
    /** By name: a class literal would load them in the probe. */
    private static final String PACKAGE = "io.warpdrive.itests.strategy.";
    private static final List<String> CLASSES = List.of("PairStrategy", "FaultyStrategy", "StrategyActivator");

    private StrategyBundles() {
    }

    static Bundle install(BundleContext context) throws BundleException, IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "io.acme.resize.strategies");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", PACKAGE + "StrategyActivator");
        a.putValue("Import-Package", "io.warpdrive.sched.resize;version=\"[1.0,2)\",io.warpdrive.comp,"
                + "org.osgi.framework");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, mf)) {
            for (String c : CLASSES) {
                String path = (PACKAGE + c).replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(path));
                try (InputStream in = StrategyBundles.class.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Bundle b = context.installBundle("test:io.acme.resize.strategies", new ByteArrayInputStream(jar.toByteArray()));
        b.start();
        return b;
    }
}
