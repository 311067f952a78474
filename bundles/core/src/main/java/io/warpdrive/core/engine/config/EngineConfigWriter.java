package io.warpdrive.core.engine.config;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.UnaryOperator;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Changes one key of the engine's configuration ({@value Engine#PID}) through Configuration
 * Admin, so the change persists and FileInstall writes it back to {@code conf/} when the
 * configuration came from there. The engine applies it when Configuration Admin delivers it.
 */
public final class EngineConfigWriter {
    private EngineConfigWriter() {
    }

    /**
     * Sets {@code key} to what {@code change} makes of its current value (null when unset).
     *
     * @throws WdException UNSUPPORTED without Configuration Admin, INTERNAL when it fails
     */
    public static void change(ConfigurationAdmin configAdmin, String key, UnaryOperator<Object> change, String what) {
        if (configAdmin == null) {
            throw new WdException(WdStatus.UNSUPPORTED,
                    "Configuration Admin is not running: " + what + " cannot be changed and persisted");
        }
        try {
            Configuration c = configAdmin.getConfiguration(Engine.PID, "?");
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            Object before = props.get(key);
            Object after = change.apply(before);
            if (after == null ? before == null : after.equals(before)) {
                return;
            }
            if (after == null) {
                props.remove(key);
            } else {
                props.put(key, after);
            }
            c.update(props);
        } catch (IOException e) {
            throw new WdException(WdStatus.INTERNAL, "cannot update the configuration " + Engine.PID + ": " + e, e);
        }
    }
}
