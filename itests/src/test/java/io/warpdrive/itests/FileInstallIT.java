package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/**
 * The hot-deployment settings of cnf/run/framework.properties do what the platform promises:
 * FileInstall watches both home/deploy and home/conf, bundles are installed, updated and
 * uninstalled, .cfg files become configurations, and changes made through Configuration Admin
 * are written back to their file. Every wait is an event (or a file condition) with a deadline.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FileInstallIT {

    private static final String FILENAME = "felix.fileinstall.filename";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Test
    public void cfgFileInConfBecomesAConfiguration() throws Exception {
        String pid = "io.warpdrive.itest.created";
        Configuration c = dropConfiguration(pid, "greeting = hello\nqueues = 4\n");
        Dictionary<String, Object> p = c.getProperties();
        assertEquals("hello", p.get("greeting"));
        assertEquals("4", p.get("queues"));
        assertTrue(String.valueOf(p.get(FILENAME)), String.valueOf(p.get(FILENAME)).endsWith("/conf/" + pid + ".cfg"));
    }

    @Test
    public void changesThroughConfigAdminAreWrittenBackToTheFile() throws Exception {
        String pid = "io.warpdrive.itest.saved";
        Configuration c = dropConfiguration(pid, "greeting = hello\n");
        Path file = InFramework.home(context).resolve("conf").resolve(pid + ".cfg");

        Dictionary<String, Object> p = c.getProperties(); // keeps felix.fileinstall.filename
        p.put("greeting", "bonjour");
        c.update(p);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InFramework.TIMEOUT_S);
        String content = Files.readString(file);
        while (!content.contains("bonjour") && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // polling a file for a condition, bounded by the deadline
            content = Files.readString(file);
        }
        assertTrue("written back to " + file + ":\n" + content, content.contains("bonjour"));
    }

    @Test
    public void bundleInDeployIsStartedUpdatedAndUninstalled() throws Exception {
        String bsn = "io.warpdrive.itest.dropin";
        Path deploy = InFramework.home(context).resolve("deploy");
        Path jar = deploy.resolve("dropin.jar");

        Bundle b = awaitBundleEvent(bsn, BundleEvent.STARTED, () -> place(bundleJar(bsn, "1.0.0"), jar));
        assertEquals("ACTIVE", InFramework.state(b));
        assertEquals(new Version(1, 0, 0), b.getVersion());
        assertEquals(b, InFramework.bundle(context, bsn));

        Bundle updated = awaitBundleEvent(bsn, BundleEvent.UPDATED, () -> place(bundleJar(bsn, "1.0.1"), jar));
        assertEquals(b.getBundleId(), updated.getBundleId());
        assertEquals(new Version(1, 0, 1), updated.getVersion());

        awaitBundleEvent(bsn, BundleEvent.UNINSTALLED, () -> Files.delete(jar));
        assertNull(InFramework.bundle(context, bsn));
    }

    // ------------------------------------------------------------------ helpers

    interface Action {
        void run() throws Exception;
    }

    /** Writes conf/&lt;pid&gt;.cfg and waits until Configuration Admin has the configuration. */
    private Configuration dropConfiguration(String pid, String content) throws Exception {
        CountDownLatch updated = new CountDownLatch(1);
        ConfigurationListener listener = event -> {
            if (event.getType() == ConfigurationEvent.CM_UPDATED && pid.equals(event.getPid())) {
                updated.countDown();
            }
        };
        ServiceRegistration<ConfigurationListener> reg = context.registerService(ConfigurationListener.class, listener, null);
        try {
            Path conf = InFramework.home(context).resolve("conf");
            place(content.getBytes(StandardCharsets.ISO_8859_1), conf.resolve(pid + ".cfg"));
            if (!updated.await(InFramework.TIMEOUT_S, TimeUnit.SECONDS)) {
                fail("no configuration " + pid + " within " + InFramework.TIMEOUT_S + " s");
            }
        } finally {
            reg.unregister();
        }
        Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        assertNotNull(pid, found);
        return found[0];
    }

    /** Runs {@code action} and waits for the given event of the bundle {@code bsn}. */
    private Bundle awaitBundleEvent(String bsn, int type, Action action) throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        Bundle[] bundle = new Bundle[1];
        BundleListener listener = event -> {
            if (event.getType() == type && bsn.equals(event.getBundle().getSymbolicName())) {
                bundle[0] = event.getBundle();
                seen.countDown();
            }
        };
        context.addBundleListener(listener);
        try {
            action.run();
            if (!seen.await(InFramework.TIMEOUT_S, TimeUnit.SECONDS)) {
                fail("no bundle event " + type + " for " + bsn + " within " + InFramework.TIMEOUT_S + " s");
            }
        } finally {
            context.removeBundleListener(listener);
        }
        return bundle[0];
    }

    /** Puts a file into a watched folder atomically, so FileInstall never sees half of it. */
    private static void place(byte[] content, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent().getParent(), "incoming-", ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] bundleJar(String bsn, String version) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.closeEntry();
        }
        return out.toByteArray();
    }
}
