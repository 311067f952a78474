package io.warpdrive.driver.isal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LevelMapTest {

    @Test
    void theDefaultHonoursWhatIgzipCanAndGivesItsBestElsewhere() {
        LevelMap map = LevelMap.defaults();
        int[] expected = {-1, 1, 2, 3, 3, 3, 3, 3, 3, 3};
        for (int level = 1; level <= 9; level++) {
            assertEquals(expected[level], map.igzipLevel(level), "level " + level);
        }
        assertEquals(3, map.highest());
        assertEquals(3, map.streamLevel(6));
        assertEquals(LevelMap.DEFAULT, map.toString());
    }

    @Test
    void igzipHonoursLevelsOneAndTwoOnly() {
        LevelMap map = LevelMap.defaults();
        assertEquals(1, map.ratioLevel(1));
        assertEquals(2, map.ratioLevel(2));
        for (int level = 3; level <= 9; level++) {
            assertEquals(2, map.ratioLevel(level), "igzip's best is zlib 2's ratio, not level " + level + "'s");
        }
        LevelMap fast = LevelMap.parse("0,1,1,2,2,3,3,3,3");
        assertEquals(0, fast.ratioLevel(1), "igzip 0 does not reach zlib 1's ratio");
        assertEquals(1, fast.streamLevel(1), "igzip 0 only for stateless requests");
    }

    @Test
    void aConfigurationMayUseEveryIgzipLevel() {
        LevelMap map = LevelMap.parse(" 0, 0 ,1,1,1,1,1,2,2 ");
        assertEquals(0, map.igzipLevel(1));
        assertEquals(1, map.igzipLevel(7));
        assertEquals(2, map.igzipLevel(9));
        assertEquals(2, map.highest(), "the level buffer a worker needs");
        assertEquals("0,0,1,1,1,1,1,2,2", map.toString());
    }

    @Test
    void invalidMapsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LevelMap.parse("1,2,3")).getMessage()
                .contains("must list 9 igzip levels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LevelMap.parse("1,1,1,1,4,1,1,1,1"))
                .getMessage().contains("'4' for level 5 is not an igzip level (0..3)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LevelMap.parse("1,1,1,1,x,1,1,1,1"))
                .getMessage().contains("'x' for level 5"));
        assertThrows(IllegalArgumentException.class, () -> LevelMap.parse(null));
    }
}
