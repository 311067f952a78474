package io.warpdrive.launcher;

import java.io.PrintStream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The launcher's own {@code bundles} command: every installed bundle with its state. */
final class BundleLister {

    private BundleLister() {
    }

    static void print(BundleContext context, PrintStream out) {
        out.printf("%4s  %-11s  %-40s  %-24s  %s%n", "ID", "STATE", "BUNDLE", "VERSION", "FROM");
        for (Bundle b : context.getBundles()) {
            String from;
            if (b.getBundleId() == 0) {
                from = "framework";
            } else if (EmbeddedBundles.isEmbedded(b)) {
                from = "embedded";
            } else {
                from = b.getLocation();
            }
            String state = stateName(b);
            if (EmbeddedBundles.isFragment(b) && b.getState() == Bundle.RESOLVED) {
                state = "FRAGMENT";
            }
            out.printf("%4d  %-11s  %-40s  %-24s  %s%n", b.getBundleId(), state,
                    b.getSymbolicName() == null ? "(no symbolic name)" : b.getSymbolicName(), b.getVersion(), from);
        }
        out.flush();
    }

    static String stateName(Bundle b) {
        return switch (b.getState()) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }
}
