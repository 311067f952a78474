package io.warpdrive.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * The platform bundles embedded in warpdrive.jar under /bundles/, installed in the order of
 * /bundles/start-order.txt (see {@link BundleIndex}).
 */
final class EmbeddedBundles {

    /** Location prefix of an embedded bundle: {@code warpdrive:bundles/<file name>}. */
    static final String LOCATION_PREFIX = "warpdrive:bundles/";

    /**
     * The Gogo console. In interactive mode it is started last, after the summary, because it
     * takes over the terminal as soon as it starts.
     */
    static final String CONSOLE_BSN = "org.apache.felix.gogo.shell";

    private EmbeddedBundles() {
    }

    /** Installs every embedded bundle, in start order; returns them in that order. */
    static List<Bundle> install(BundleContext context) throws LauncherException {
        List<String> names;
        try {
            names = BundleIndex.readEmbedded();
        } catch (IOException e) {
            throw new LauncherException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        List<Bundle> bundles = new ArrayList<>(names.size());
        for (String name : names) {
            String resource = BundleIndex.JAR_FOLDER + name;
            try (InputStream in = EmbeddedBundles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new LauncherException(ExitCodes.FAILURE, "the launcher jar lists " + name + " but does not contain it");
                }
                bundles.add(context.installBundle(LOCATION_PREFIX + name, in));
            } catch (IOException | BundleException e) {
                throw new LauncherException(ExitCodes.FAILURE, "cannot install embedded bundle " + name + ": " + e.getMessage(), e);
            }
        }
        return bundles;
    }

    static boolean isEmbedded(Bundle b) {
        return b.getLocation().startsWith(LOCATION_PREFIX);
    }

    static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }
}
