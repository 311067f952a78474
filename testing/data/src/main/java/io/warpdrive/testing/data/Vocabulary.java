package io.warpdrive.testing.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Words with Zipf frequencies, as in natural text: the most common English words first, then
 * pronounceable made-up words from syllables for the long tail, so a large sample has tens of
 * thousands of distinct words and repeats the common ones as prose does.
 */
final class Vocabulary {
    private static final String COMMON = "the of and to a in that it was he i his you her had with for as is "
            + "at on be not him she by my all have but said so they which me from this were we one there no "
            + "what or up out their an if would when them been then could more into now some very like little "
            + "do over are your who man upon time know any should before than made much only down such well "
            + "great good see old other own say way come again never after came can how our these must here "
            + "lady hand eyes day mind long might went under house away think where looked head face through "
            + "night young thought nothing door being life first two us back same room himself while without "
            + "once took place still left also last father mother friend heart whom told gentleman better "
            + "round off many every indeed sir though dear answered small again quite asked because years "
            + "another thing cried tell water letter why find among something yet light world half morning "
            + "side nor voice themselves poor moment against turned hope felt seemed replied people city "
            + "street evening few kind work whole perhaps given manner began open certain word whether "
            + "across fire table looking most myself between each money going return since often done "
            + "air words sure person woman child children part name looked short coming rather herself "
            + "behind full present far soon brought hear wish stood heard keep high find sat course gone";
    private static final String[] ONSETS = {"b", "bl", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr",
        "g", "gl", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "pr", "qu", "r", "s", "sc", "sh", "sl", "sp",
        "st", "str", "t", "th", "tr", "v", "w", "wh", "y", ""};
    private static final String[] NUCLEI = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "ee", "oo", "ie", "y"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck", "m",
        "rd", "ll", "ss", "ght", "nt", "rt", "th"};
    private static final String[] SUFFIXES = {"", "", "", "", "s", "ed", "ing", "ly", "er", "ness", "ment",
        "tion", "ful", "y"};

    private final String[] words;
    private final double[] cumulative;

    /** {@code size} words (the common ones first), Zipf exponent {@code exponent}. */
    Vocabulary(int size, double exponent, long seed) {
        String[] common = COMMON.split(" ");
        words = new String[size];
        SplittableRandom random = new SplittableRandom(seed);
        java.util.Set<String> seen = new java.util.HashSet<>();
        int n = 0;
        for (String w : common) {
            if (n < size && seen.add(w)) {
                words[n++] = w;
            }
        }
        while (n < size) {
            String w = madeUp(random);
            if (seen.add(w)) {
                words[n++] = w;
            }
        }
        cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += 1.0 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
    }

    /** A word drawn with Zipf frequency. */
    String next(SplittableRandom random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return words[Math.min(words.length - 1, at >= 0 ? at : -at - 1)];
    }

    /** The word of rank {@code rank} (0 is the most common). */
    String word(int rank) {
        return words[rank];
    }

    int size() {
        return words.length;
    }

    /** A pronounceable made-up word of one to four syllables. */
    static String madeUp(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int syllables = 1 + random.nextInt(random.nextInt(3) + 1);
        for (int s = 0; s < syllables; s++) {
            b.append(pick(random, ONSETS)).append(pick(random, NUCLEI));
            if (s == syllables - 1 || random.nextInt(3) == 0) {
                b.append(pick(random, CODAS));
            }
        }
        return b.append(pick(random, SUFFIXES)).toString();
    }

    static String pick(SplittableRandom random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    static String capitalized(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
