package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.admin.ModelInfo;
import io.warpdrive.admin.Platform;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceHealth;
import io.warpdrive.lib.Driver;
import io.warpdrive.stats.DeviceUsage;
import io.warpdrive.stats.UsageStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code wd:devices}: each device's wrong outputs (compress-and-verify's counter) beside its health. */
class DeviceReportTest {

    /** A stub of {@code type} answering the named methods; any other fails the test (the shell's tests share it). */
    static <T> T stub(Class<T> type, Object... namesAndAnswers) {
        Map<String, Object> answers = new HashMap<>();
        for (int k = 0; k < namesAndAnswers.length; k += 2) {
            answers.put((String) namesAndAnswers[k], namesAndAnswers[k + 1]);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            if (answers.containsKey(m.getName())) {
                return answers.get(m.getName());
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName() + " is not stubbed");
        }));
    }

    private static Device device(String name) {
        return stub(Device.class, "name", name, "algorithms", EnumSet.of(Algorithm.GZIP), "serves", true,
                "attributes", Map.of(), "health", DeviceHealth.ONLINE, "availableInstances", 4, "instances", 4,
                "numaNode", 0);
    }

    @Test
    void eachDeviceShowsItsWrongOutputs() {
        Driver hisi = stub(Driver.class, "name", "hisi_zip", "priority", 100, "unavailableReason", null,
                "devices", List.of(device("hisi_zip-0"), device("hisi_zip-1")));
        ModelInfo quarantined = stub(ModelInfo.class, "device", "hisi_zip-0", "driver", "hisi_zip", "refused",
                "quarantined: compress-and-verify: the output of a gzip compression was wrong");
        Platform platform = stub(Platform.class, "models", List.of(quarantined));
        UsageStats stats = stub(UsageStats.class, "devices", List.of(
                stub(DeviceUsage.class, "driver", "hisi_zip", "device", "hisi_zip-0", "wrongOutputs", 3L)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new StatusReport(platform, List.of(hisi)).devices(new PrintStream(bytes, true, StandardCharsets.UTF_8), stats);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.lines().findFirst().orElse("").matches("DEVICE\\s+DRIVER\\s+HEALTH\\s+WRONG-OUTPUTS\\s.*"), out);
        assertTrue(out.matches("(?s).*hisi_zip-0\\s+hisi_zip\\s+ONLINE\\s+3\\s+4/4\\s.*"), out);
        assertTrue(out.matches("(?s).*hisi_zip-1\\s+hisi_zip\\s+ONLINE\\s+0\\s+4/4\\s.*"), "no counters: none; " + out);
        assertTrue(out.contains("hisi_zip-0 (hisi_zip): gets no traffic: quarantined: compress-and-verify"), out);
    }
}
