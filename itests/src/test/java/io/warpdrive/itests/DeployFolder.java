package io.warpdrive.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;

/** Drives home/deploy as an administrator would: drop, replace and delete bundle files, and wait for FileInstall. */
final class DeployFolder {
    private final BundleContext context;
    private final Path deploy;

    DeployFolder(BundleContext context) {
        this.context = context;
        this.deploy = InFramework.home(context).resolve("deploy");
    }

    interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} and waits for the bundle event {@code type} of {@code bsn}. */
    Bundle await(String bsn, int type, Action action) throws Exception {
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
                throw new AssertionError("no bundle event " + type + " for " + bsn + " within " + InFramework.TIMEOUT_S
                        + " s");
            }
        } finally {
            context.removeBundleListener(listener);
        }
        return bundle[0];
    }

    /** Puts a file into deploy/ atomically, so FileInstall never sees half of it. */
    void place(byte[] content, String name) throws IOException {
        Path target = deploy.resolve(name);
        Path tmp = Files.createTempFile(deploy.getParent(), "incoming-", ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete(String name) throws IOException {
        Files.delete(deploy.resolve(name));
    }

    /** A copy of a bundle jar with another Bundle-Version, so dropping it is an update. */
    static byte[] withVersion(byte[] jar, String version) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(jar.length + 256);
            try (JarOutputStream out = new JarOutputStream(buffer, mf)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return buffer.toByteArray();
        }
    }

    static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }
}
