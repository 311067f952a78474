package io.warpdrive.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.core.engine.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Configurations as Configuration Admin delivers them to the engine (issue 15, item 6): a value
 * that does not fit is refused in one line, the engine keeps its last good configuration and
 * keeps serving.
 */
class EngineConfigurationTest {
    private static final String FILE = "file:/home/wd/conf/io.warpdrive.engine.cfg";
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Engine engine = new Engine();

    @AfterEach
    void stop() {
        if (engine.logger != null) {
            engine.deactivate();
        }
    }

    private void activate(Map<String, Object> properties) {
        engine.logger = RecordingLogger.keeping("warn", warnings);
        engine.activateWithoutBundle(properties);
    }

    @Test
    void textForQueuesDefaultAtStartIsRefusedAndTheDefaultKept() {
        activate(Map.of("queues.default", "three", "stream.output.limit.mb", "100", "felix.fileinstall.filename",
                FILE));
        assertEquals(2, engine.settings().queuesDefault());
        assertEquals(100L << 20, engine.settings().streamOutputLimit(), "the good keys apply");
        assertEquals(List.of("configuration io.warpdrive.engine (/home/wd/conf/io.warpdrive.engine.cfg): "
                + "queues.default='three' refused (not a whole number); keeping queues.default='2'"), warnings);
    }

    @Test
    void aNegativeLimitOnAllStreamsKeptInputIsRefusedAndTheLastGoodOneStays() {
        activate(Map.of("stream.resume.total.mb", "64"));
        engine.modified(Map.of("stream.resume.total.mb", "-1"));
        assertEquals(64L << 20, engine.settings().streamResumeTotalLimit());
        assertEquals(64L << 20, engine.keptInput().limit(), "the budget the streams share has the last good limit");
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.get(0).contains("stream.resume.total.mb='-1' refused"), warnings.get(0));
    }

    @Test
    void aBadValueEditedIntoARunningEngineKeepsTheLastGoodOne() {
        activate(Map.of("spin.threshold.us", "300"));
        engine.modified(Map.of("spin.threshold.us", "x", "queues.default", "1"));
        assertEquals(TimeUnit.MICROSECONDS.toNanos(300), engine.settings().spinThresholdNanos());
        assertEquals(1, engine.settings().queuesDefault());
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.get(0).contains("spin.threshold.us='x' refused"), warnings.get(0));
    }

    @Test
    void valuesTheMetatypeBoundsExcludeAreRefused() {
        activate(Map.of("queues.default", "-1", "job.timeout.ms", "0", "completion", "sometimes"));
        Settings s = engine.settings();
        assertEquals(2, s.queuesDefault());
        assertEquals(TimeUnit.SECONDS.toNanos(60), s.jobTimeoutNanos());
        assertEquals(Settings.CompletionDelivery.POLLER, s.completion());
        assertEquals(3, warnings.size(), String.valueOf(warnings));
    }

    @Test
    void aQueuesEntryTheEngineCannotReadRefusesTheWholeChange() {
        activate(Map.of("queues.default", "3"));
        engine.modified(Map.of("queues.default", "1", "queues", "soft=many"));
        assertEquals(3, engine.settings().queuesDefault(), "the last good configuration as a whole");
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.get(0).startsWith("configuration io.warpdrive.engine refused (queues entry 'soft=many'"),
                warnings.get(0));
    }

    @Test
    void unknownKeysAreWarnedAbout() {
        activate(Map.of("queue.default", "3", "service.pid", "io.warpdrive.engine"));
        assertEquals(1, warnings.size(), String.valueOf(warnings));
        assertTrue(warnings.get(0).contains("unknown key queue.default ignored"), warnings.get(0));
    }

    @Test
    void theEngineServesAfterARefusedValue() throws Exception {
        try (TestPlatform p = TestPlatform.withCopyingDriver()) {
            p.engine.modified(Map.of("queues.default", "three", "spin.threshold.us", "x"));
            assertEquals(2, p.engine.settings().queuesDefault());
            Compressor c = p.compressorFor("consumer");
            try (Session s = c.openSession(SessionSpec.of(Algorithm.GZIP))) {
                byte[] data = "the platform still serves".getBytes();
                assertEquals(new String(data), new String(s.decompress(s.compress(data))));
            }
        }
    }
}
