package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.BundleActivator;

/** Bundles made by the launcher's integration tests from one test class, its activator. */
final class TestBundles {

    private TestBundles() {
    }

    /**
     * Writes {@code folder/file} (e.g. a home's deploy/): a bundle holding {@code activator}, named
     * {@code symbolicName}, importing org.osgi.framework.
     */
    static Path write(Path folder, String file, String symbolicName, Class<? extends BundleActivator> activator)
            throws IOException {
        Files.createDirectories(folder);
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", activator.getName());
        a.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"");
        String entry = activator.getName().replace('.', '/') + ".class";
        Path jar = folder.resolve(file);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
                var cls = activator.getClassLoader().getResourceAsStream(entry)) {
            assertNotNull(cls, entry);
            out.putNextEntry(new JarEntry(entry));
            cls.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
