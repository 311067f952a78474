package io.warpdrive.core.jmx;

import io.warpdrive.admin.ModelEstimate;
import java.beans.ConstructorProperties;

/**
 * One line of an engine's model as JMX shows it (an open-data row any client reads, named as
 * {@code wd:models} names the columns): kind of request, size class, predicted µs of a sync
 * request (-1 while learning), the MB/s it implies, samples and confidence.
 */
public final class EstimateRow {
    private final String kind;
    private final String size;
    private final long bytes;
    private final double predictedMicros;
    private final double megabytesPerSecond;
    private final long samples;
    private final double confidence;

    @ConstructorProperties({ "kind", "size", "bytes", "predictedMicros", "megabytesPerSecond", "samples", "confidence" })
    public EstimateRow(String kind, String size, long bytes, double predictedMicros, double megabytesPerSecond,
            long samples, double confidence) {
        this.kind = kind;
        this.size = size;
        this.bytes = bytes;
        this.predictedMicros = predictedMicros;
        this.megabytesPerSecond = megabytesPerSecond;
        this.samples = samples;
        this.confidence = confidence;
    }

    static EstimateRow of(ModelEstimate e) {
        return new EstimateRow(e.kind(), e.size(), e.bytes(), e.micros(), e.megabytesPerSecond(), e.samples(),
                e.confidence());
    }

    public String getKind() {
        return kind;
    }

    public String getSize() {
        return size;
    }

    public long getBytes() {
        return bytes;
    }

    public double getPredictedMicros() {
        return predictedMicros;
    }

    public double getMegabytesPerSecond() {
        return megabytesPerSecond;
    }

    public long getSamples() {
        return samples;
    }

    public double getConfidence() {
        return confidence;
    }
}
