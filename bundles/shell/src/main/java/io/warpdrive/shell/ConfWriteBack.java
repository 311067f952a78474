package io.warpdrive.shell;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Writes a configuration changed at run time (a shell command, the web console, a policy's
 * tuning) back to the conf/*.cfg file it was read from, so the file stays the truth across
 * restarts. FileInstall's own write-back ({@code felix.fileinstall.enableConfigSave}) is off: it
 * rewrote the file in place at every start, changed or not, and a run stopping meanwhile left it
 * truncated or empty. Here the file is written only when its content changes, under a temporary
 * name renamed over it, keeping comments and the spelling of unchanged lines. Not on a one-shot
 * platform, whose configuration store is a throw-away copy; {@code .config} files (typed values)
 * are left alone.
 */
@Component(immediate = true)
public final class ConfWriteBack implements ConfigurationListener {

    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private boolean oneShot;

    @Activate
    void activate(BundleContext context) {
        oneShot = "true".equals(context.getProperty(WdCommands.ONE_SHOT_PROPERTY));
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (oneShot || event.getType() != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        try {
            Configuration[] found = configAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + event.getPid() + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return;
            }
            Object filename = found[0].getProperties().get(ConfFile.FILENAME);
            if (filename == null) {
                return; // not from a file: Configuration Admin's store keeps it
            }
            Path file = Path.of(URI.create(filename.toString()));
            if (!file.getFileName().toString().endsWith(".cfg") || !Files.isRegularFile(file)) {
                return;
            }
            if (ConfFile.replace(file, ConfFile.settings(found[0].getProperties()))) {
                log.info("configuration {} saved in {}", event.getPid(), file);
            }
        } catch (IOException | InvalidSyntaxException | IllegalArgumentException e) {
            log.warn("configuration {} not saved in its file: {}", event.getPid(), e.getMessage());
        }
    }
}
