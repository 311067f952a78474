package io.warpdrive.core.engine;

import io.warpdrive.core.model.ModelBook;
import io.warpdrive.core.model.ModelStore;
import java.io.File;
import java.io.IOException;

/**
 * Keeps the devices' performance models across restarts in the bundle's data folder (read at
 * activation, written every minute and at stop), and reports moved crossovers.
 */
final class ModelKeeper {
    private final ModelBook models;
    private final EngineLog log;
    /** The models in the platform's data folder, or null (no persistent storage). */
    private volatile ModelStore store;

    ModelKeeper(ModelBook models, EngineLog log) {
        this.models = models;
        this.log = log;
    }

    /** Reads the models kept in {@code data}, or nothing when it is null (no persistent storage). */
    void load(File data) {
        if (data == null) {
            return;
        }
        store = new ModelStore(data.toPath());
        try {
            models.preload(store.load());
        } catch (IOException | RuntimeException e) {
            log.warn("performance models in " + data + " could not be read (" + e + "); learning anew");
        }
    }

    /** Writes the models to the data folder, for the next start. */
    void save() {
        ModelStore s = store;
        if (s != null) {
            try {
                s.save(models.byIdentity());
            } catch (IOException | RuntimeException e) {
                log.warnOnce("models-save", "performance models could not be saved (" + e + "); they are learned anew "
                        + "after a restart");
            }
        }
    }

    /** An info line when the size at which another engine becomes the fastest moves. */
    void reportCrossovers() {
        try {
            models.reportMoves(log::info);
        } catch (RuntimeException e) {
            log.error("checking the models' crossovers failed; continuing", e);
        }
    }
}
