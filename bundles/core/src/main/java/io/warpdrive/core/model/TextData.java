package io.warpdrive.core.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Built-in text for calibration: English-like words and punctuation, the same every time for a seed. */
final class TextData {
    private static final String[] WORDS = ("the of and to in that was his he it with is for as had you not be her on at by "
            + "which have or from this him but all she they were my are me one their so an said them we who would "
            + "been will no when there if more out up into do any your what has man could other than our some very "
            + "time upon about may its only now like little then can should made did us such a great before must "
            + "two these see know over much down after first mr good men own never most old shall day where those "
            + "came come himself way work life without go make well through being long say might how am too even "
            + "under think same last again house while place young hand room quite father eyes mind night").split(" ");

    private TextData() {
    }

    static byte[] generate(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder(size + 16);
        int sentence = 0;
        while (b.length() < size) {
            String w = WORDS[random.nextInt(WORDS.length)];
            if (sentence == 0) {
                b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            } else {
                b.append(w);
            }
            sentence++;
            if (sentence > 6 && random.nextInt(8) == 0) {
                b.append(random.nextInt(3) == 0 ? ".\n" : ". ");
                sentence = 0;
            } else {
                b.append(random.nextInt(10) == 0 ? ", " : " ");
            }
        }
        b.setLength(size);
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
