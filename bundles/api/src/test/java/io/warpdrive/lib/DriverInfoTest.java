package io.warpdrive.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A driver described as data, and drivers written before 1.3 that implement the getters. */
class DriverInfoTest {
    private static final DriverInfo INFO = new DriverInfo("new", CalcType.INSTR, 50,
            EnumSet.of(Algorithm.GZIP), Set.of(WindowSize.W32K), false, true);

    /** What every driver implements besides its description. */
    private abstract static class NoDevices implements Driver {
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
            throw new UnsupportedOperationException();
        }
    }

    /** Implements info() only. */
    private static final class DataDriver extends NoDevices {
        @Override
        public DriverInfo info() {
            return INFO;
        }
    }

    /** Implements the getters, as before 1.3. */
    private static final class GetterDriver extends NoDevices {
        @Override
        public String name() {
            return "old";
        }

        @Override
        public CalcType calcType() {
            return CalcType.HW;
        }

        @Override
        public int priority() {
            return 7;
        }

        @Override
        public boolean scatterGather() {
            return true;
        }

        @Override
        public boolean directMemoryOnly() {
            return false;
        }
    }

    @Test
    void theGettersReadTheRecord() {
        Driver d = new DataDriver();
        assertEquals("new", d.name());
        assertEquals(CalcType.INSTR, d.calcType());
        assertEquals(50, d.priority());
        assertFalse(d.scatterGather());
        assertTrue(d.directMemoryOnly());
    }

    @Test
    void aDriverWrittenBeforeTheRecordIsDescribedByItsGetters() {
        DriverInfo info = new GetterDriver().info();
        assertEquals(new DriverInfo("old", CalcType.HW, 7, Set.of(), EnumSet.allOf(WindowSize.class), true, false),
                info);
    }

    @Test
    void theRecordCopiesItsSetsAndTakesAnotherPriority() {
        Set<Algorithm> algorithms = EnumSet.of(Algorithm.ZLIB);
        DriverInfo info = new DriverInfo("x", CalcType.SOFT, 0, algorithms, Set.of(WindowSize.W4K), true, false);
        algorithms.add(Algorithm.GZIP);
        assertEquals(Set.of(Algorithm.ZLIB), info.algorithms());
        assertThrows(UnsupportedOperationException.class, () -> info.algorithms().add(Algorithm.GZIP));
        assertEquals(9, info.withPriority(9).priority());
        assertEquals(info.algorithms(), info.withPriority(9).algorithms());
        assertThrows(NullPointerException.class,
                () -> new DriverInfo(null, CalcType.SOFT, 0, Set.of(), Set.of(), true, false));
    }

    @Test
    void aDriverDescribedAsBefore14TakesNoPresetDictionaryAndRefusesOne() {
        assertFalse(INFO.presetDictionary());
        DriverInfo takes = new DriverInfo("d", CalcType.SOFT, 0, Set.of(), Set.of(), true, false, true);
        assertTrue(takes.presetDictionary());
        assertTrue(takes.withPriority(3).presetDictionary(), "another priority keeps the rest");

        StreamState plain = () -> { };
        Driver d = new NoDevices() {
            @Override
            public DriverInfo info() {
                return INFO;
            }

            @Override
            public StreamState openStream(Algorithm algorithm, Operation operation, int level, WindowSize window) {
                return plain;
            }
        };
        assertEquals(plain, d.openStream(Algorithm.DEFLATE, Operation.COMPRESS, 6, WindowSize.W32K, null));
        assertEquals(plain, d.openStream(Algorithm.DEFLATE, Operation.COMPRESS, 6, WindowSize.W32K,
                ByteBuffer.allocate(0)), "an empty dictionary is none");
        WdException e = assertThrows(WdException.class, () -> d.openStream(Algorithm.DEFLATE, Operation.COMPRESS, 6,
                WindowSize.W32K, ByteBuffer.wrap(new byte[] {1})));
        assertEquals(WdStatus.UNSUPPORTED, e.status());
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() {
        List<RuntimeException> failures = new ArrayList<>();
        List<Driver> heard = new ArrayList<>();
        DeviceListeners listeners = new DeviceListeners(failures::add);
        DeviceListener failing = d -> {
            throw new IllegalStateException("listener bug");
        };
        listeners.add(failing);
        listeners.add(heard::add);
        Driver driver = new DataDriver();
        listeners.devicesChanged(driver);
        assertEquals(List.of(driver), heard);
        assertEquals(1, failures.size());
        assertEquals("listener bug", failures.get(0).getMessage());
        listeners.remove(failing);
        listeners.devicesChanged(driver);
        assertEquals(List.of(driver, driver), heard);
        assertEquals(1, failures.size(), "a removed listener is not told");
    }
}
