package io.warpdrive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Device;
import io.warpdrive.lib.DeviceListener;
import io.warpdrive.lib.Driver;
import io.warpdrive.lib.DriverInfo;
import io.warpdrive.lib.StreamState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** compress and decompress refuse at once, saying why, when no deployed driver claims the algorithm. */
class UnservedAlgorithmTest {

    private static Driver driver(String name, Set<Algorithm> algorithms, String unavailable) {
        DriverInfo info = new DriverInfo(name, CalcType.SOFT, 0, algorithms, EnumSet.allOf(WindowSize.class), true,
                false);
        return new Driver() {
            @Override
            public DriverInfo info() {
                return info;
            }

            @Override
            public String unavailableReason() {
                return unavailable;
            }

            @Override
            public List<? extends Device> devices() {
                return List.of();
            }

            @Override
            public void addDeviceListener(DeviceListener listener) {
            }

            @Override
            public void removeDeviceListener(DeviceListener listener) {
            }

            @Override
            public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
                throw new UnsupportedOperationException("not used here");
            }
        };
    }

    @Test
    void anAvailableDriverThatClaimsTheAlgorithmMeansWait() {
        List<Driver> drivers = List.of(driver("soft", EnumSet.of(Algorithm.GZIP), null),
                driver("zstd-lz4", EnumSet.of(Algorithm.ZSTD, Algorithm.LZ4), null));
        assertNull(WdCommands.unservedReason(drivers, Algorithm.LZ4));
        assertNull(WdCommands.unservedReason(drivers, Algorithm.GZIP));
    }

    @Test
    void noClaimOrOnlyUnavailableClaimsRefuseAtOnce() {
        List<Driver> soft = List.of(driver("soft", EnumSet.of(Algorithm.GZIP), null));
        assertEquals("no deployed driver serves lz4", WdCommands.unservedReason(soft, Algorithm.LZ4));
        assertEquals("no deployed driver serves zstd", WdCommands.unservedReason(List.of(), Algorithm.ZSTD));
        List<Driver> broken = List.of(driver("zstd-lz4", EnumSet.of(Algorithm.ZSTD, Algorithm.LZ4),
                "zstd-jni's native library does not load"));
        assertEquals("no deployed driver serves lz4; zstd-lz4 is unavailable: zstd-jni's native library does not load",
                WdCommands.unservedReason(broken, Algorithm.LZ4));
    }
}
