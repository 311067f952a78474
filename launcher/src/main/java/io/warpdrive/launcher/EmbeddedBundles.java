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

    /**
     * Location prefix of an embedded bundle: {@code warpdrive:bundles/<file name>}, or
     * {@code warpdrive:bundles/<set>/<file name>} for one of an optional set.
     */
    static final String LOCATION_PREFIX = "warpdrive:bundles/";

    /**
     * The interactive console: Gogo's JLine shell, from the optional set {@link #CONSOLE_SET}. In
     * interactive mode it is started last, after the summary, because it takes over the terminal
     * as soon as it starts.
     */
    static final String CONSOLE_BSN = "org.apache.felix.gogo.jline";

    /** The optional bundle set of the interactive console (JLine, Gogo's JLine shell, its profile). */
    static final String CONSOLE_SET = "console";

    /**
     * Gogo's plain shell: in the platform's set, without a console (one-shot runs and the service);
     * the interactive platform does not start it, the JLine shell takes its place.
     */
    static final String PLAIN_SHELL_BSN = "org.apache.felix.gogo.shell";

    private EmbeddedBundles() {
    }

    /**
     * Installs every embedded bundle of the platform, then those of the optional sets given (e.g.
     * {@code web}), each in its start order; returns them in that order.
     */
    static List<Bundle> install(BundleContext context, List<String> optionalSets) throws LauncherException {
        List<Bundle> bundles = new ArrayList<>();
        installSet(context, "", bundles);
        for (String set : optionalSets) {
            installSet(context, set, bundles);
        }
        return bundles;
    }

    private static void installSet(BundleContext context, String set, List<Bundle> bundles) throws LauncherException {
        List<String> names;
        try {
            names = BundleIndex.readEmbedded(set);
        } catch (IOException e) {
            throw new LauncherException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        String folder = BundleIndex.folder(set);
        for (String name : names) {
            String resource = folder + name;
            String location = LOCATION_PREFIX + resource.substring(BundleIndex.JAR_FOLDER.length());
            Bundle kept = context.getBundle(location);
            if (kept != null) { // a reused storage has it installed already: nothing to copy
                bundles.add(kept);
                continue;
            }
            try (InputStream in = EmbeddedBundles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new LauncherException(ExitCodes.FAILURE, "the launcher jar lists " + resource + " but does not contain it");
                }
                bundles.add(context.installBundle(location, in));
            } catch (IOException | BundleException e) {
                throw new LauncherException(ExitCodes.FAILURE, "cannot install embedded bundle " + name + ": " + e.getMessage(), e);
            }
        }
    }

    static boolean isEmbedded(Bundle b) {
        return b.getLocation().startsWith(LOCATION_PREFIX);
    }

    static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }
}
