package io.warpdrive.driver.soft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Device;
import io.warpdrive.testing.conformance.StartedDriver;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The soft driver serves the deflate family only: it does not claim zstd or LZ4, and refuses them if asked. */
class SoftAlgorithmsTest {

    @Test
    void zstdAndLz4AreNotClaimedAndARequestedStreamIsRefused() {
        try (StartedDriver<SoftDriver> soft = SoftDriverUnderTest.start()) {
            for (Device d : soft.driver().devices()) {
                assertEquals(EnumSet.of(Algorithm.DEFLATE, Algorithm.ZLIB, Algorithm.GZIP), d.algorithms());
                assertFalse(d.serves(Algorithm.ZSTD, Operation.DECOMPRESS, WindowSize.W32K));
                assertTrue(d.serves(Algorithm.GZIP, Operation.DECOMPRESS, WindowSize.W32K));
            }
            for (Algorithm a : new Algorithm[] {Algorithm.ZSTD, Algorithm.LZ4}) {
                WdException e = assertThrows(WdException.class,
                        () -> soft.driver().openStream(a, Operation.COMPRESS, 1, WindowSize.W32K));
                assertEquals(WdStatus.UNSUPPORTED, e.status(), e.getMessage());
                assertTrue(e.getMessage().contains("not " + a.uadkName()), e.getMessage());
            }
        }
    }
}
