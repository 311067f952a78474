package io.warpdrive.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Queue;
import io.warpdrive.lib.QueueMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models in the data folder: kept across a restart for the same engine, dropped when its identity changes. */
class ModelStoreTest {
    private static final int CELL = RequestClass.of(Operation.COMPRESS, Algorithm.GZIP, 1, 65_536);

    @TempDir
    Path dir;

    private static Device device(String name, Map<String, String> attributes) {
        return new Device() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Algorithm> algorithms() {
                return EnumSet.allOf(Algorithm.class);
            }

            @Override
            public int numaNode() {
                return 0;
            }

            @Override
            public int instances() {
                return 1;
            }

            @Override
            public int availableInstances() {
                return 1;
            }

            @Override
            public DeviceHealth health() {
                return DeviceHealth.ONLINE;
            }

            @Override
            public Map<String, String> attributes() {
                return attributes;
            }

            @Override
            public Queue openQueue(Operation operation, QueueMode mode) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void aRestartFindsTheModelOfTheSameEngineAndDropsTheOthers() throws Exception {
        Path file = dir.resolve("models.properties");
        Device zip = device("hisi_zip-0", Map.of("api", "hisi_qm_v3", "chardev", "/tmp/x/dev/hisi_zip-0"));
        String identity = ModelStore.identity("hisi_zip", "1.0.0", zip);
        ModelBook before = new ModelBook();
        DeviceModel m = before.model(identity, "hisi_zip", "hisi_zip-0", true, 1);
        for (int i = 0; i < 50; i++) {
            m.calibrated(CELL, 60_000 + i * 100, 200_000 + i * 10, i);
        }
        new ModelStore(file).save(before.byIdentity());
        assertTrue(Files.exists(file));

        ModelBook after = new ModelBook();
        after.preload(new ModelStore(file).load());
        Device rebooted = device("hisi_zip-0", Map.of("api", "hisi_qm_v3", "chardev", "/tmp/y/dev/hisi_zip-0"));
        assertEquals(identity, ModelStore.identity("hisi_zip", "1.0.0", rebooted), "a path is not identity");
        assertTrue(identity.contains(";cells=" + RequestClass.CELLS), "a model saved under another cell layout "
                + "(another set of algorithms) is another engine's");
        DeviceModel again = after.model(identity, "hisi_zip", "hisi_zip-0", true, 1);
        assertEquals(m.serviceNanos(CELL, 65_536), again.serviceNanos(CELL, 65_536), 1, "the same prediction");
        assertEquals(m.service().samples(CELL), again.service().samples(CELL));

        ModelBook upgraded = new ModelBook();
        upgraded.preload(new ModelStore(file).load());
        String newVersion = ModelStore.identity("hisi_zip", "1.1.0", rebooted);
        assertNotEquals(identity, newVersion);
        assertEquals(-1, upgraded.model(newVersion, "hisi_zip", "hisi_zip-0", true, 1).serviceNanos(CELL, 65_536),
                "a new driver version learns anew");
        Device otherKind = device("hisi_zip-0", Map.of("api", "hisi_qm_v2"));
        assertNotEquals(identity, ModelStore.identity("hisi_zip", "1.0.0", otherKind), "another device is another engine");
        new ModelStore(file).save(upgraded.byIdentity());
        assertTrue(new ModelStore(file).load().keySet().stream().noneMatch(identity::equals),
                "what the next save does not hold is dropped");
    }

    @Test
    void aFileThatIsNotOursLoadsAsNothing() throws Exception {
        Path file = dir.resolve("models.properties");
        Files.writeString(file, "garbage\nhisi_zip@1/x#notanumber = 1 2 3\nhisi_zip@1/x#5 = a b c d e f\n");
        ModelBook book = new ModelBook();
        book.preload(new ModelStore(file).load());
        assertEquals(-1, book.model("hisi_zip@1/x", "hisi_zip", "x", true, 1).serviceNanos(5, 100));
    }

    @Test
    void aPassedSelfTestIsKeptWithTheModelAndARefusedEngineKeepsNone() throws Exception {
        Path file = dir.resolve("models.properties");
        ModelBook before = new ModelBook();
        DeviceModel passed = before.model("isal@1/cpu0", "isal", "cpu0", false, 1);
        passed.calibrated(CELL, 65_536, 200_000, 0);
        passed.calibrationPassed(1_700_000_000_000L);
        DeviceModel refused = before.model("hisi_zip@1/zip-0", "hisi_zip", "zip-0", true, 1);
        refused.calibrationPassed(1_700_000_000_000L);
        refused.refuse("self-test: wrong output");
        DeviceModel never = before.model("soft@1/soft-0", "soft", "soft-0", false, 1);
        never.calibrated(CELL, 65_536, 400_000, 0);
        new ModelStore(file).save(before.byIdentity());

        Map<String, Map<Integer, String>> kept = new ModelStore(file).load();
        assertEquals("1700000000000", kept.get("isal@1/cpu0").get(ModelStore.SELF_TEST_PASSED));
        assertTrue(kept.getOrDefault("soft@1/soft-0", Map.of()).get(ModelStore.SELF_TEST_PASSED) == null,
                "never self-tested");
        assertTrue(!kept.containsKey("hisi_zip@1/zip-0")
                || kept.get("hisi_zip@1/zip-0").get(ModelStore.SELF_TEST_PASSED) == null, "refused: no pass kept");

        ModelBook after = new ModelBook();
        after.preload(kept);
        assertEquals(1_700_000_000_000L, after.model("isal@1/cpu0", "isal", "cpu0", false, 1).lastCalibrationMillis());
        assertEquals(0, after.model("soft@1/soft-0", "soft", "soft-0", false, 1).lastCalibrationMillis());
        assertEquals(passed.serviceNanos(CELL, 65_536), after.find("isal@1/cpu0").serviceNanos(CELL, 65_536), 1,
                "the cells are read as before");
    }
}
