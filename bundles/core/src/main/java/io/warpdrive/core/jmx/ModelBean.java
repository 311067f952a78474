package io.warpdrive.core.jmx;

import io.warpdrive.admin.ModelInfo;
import java.time.Instant;
import java.util.function.Supplier;

/** An engine's performance model, read live. */
final class ModelBean implements ModelMXBean {
    private final Supplier<ModelInfo> model;

    ModelBean(Supplier<ModelInfo> model) {
        this.model = model;
    }

    private ModelInfo m() {
        ModelInfo m = model.get();
        if (m == null) {
            throw new IllegalStateException("the engine's model has gone");
        }
        return m;
    }

    @Override
    public String getDriver() {
        return m().driver();
    }

    @Override
    public String getDevice() {
        return m().device();
    }

    @Override
    public boolean isHardware() {
        return m().hardware();
    }

    @Override
    public EstimateRow[] getEstimates() {
        return m().estimates().stream().map(EstimateRow::of).toArray(EstimateRow[]::new);
    }

    @Override
    public String getLastCalibration() {
        long at = m().lastCalibrationMillis();
        return at == 0 ? "" : Instant.ofEpochMilli(at).toString();
    }

    @Override
    public double getHandBackMicros() {
        return m().handBackNanos() / 1000.0;
    }

    @Override
    public long getFailures() {
        return m().failures();
    }

    @Override
    public String getRefused() {
        String why = m().refused();
        return why == null ? "" : why;
    }
}
