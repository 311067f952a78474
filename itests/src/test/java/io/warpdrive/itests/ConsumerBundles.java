package io.warpdrive.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/** Empty bundles made up by a test, so that several distinct consumer bundles can use the platform. */
final class ConsumerBundles {
    private ConsumerBundles() {
    }

    /** Installs and starts a bundle with nothing but a manifest. */
    static Bundle install(BundleContext context, String symbolicName, String version) throws BundleException,
            IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(jar, mf)) {
            out.flush();
        }
        Bundle b = context.installBundle("test:" + symbolicName, new ByteArrayInputStream(jar.toByteArray()));
        b.start();
        return b;
    }
}
