package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * Prose like a novel's plain-text edition: a vocabulary of 12,000 words with Zipf frequencies,
 * a cast of recurring names, sentences of 3 to 30 words with commas, questions and dialogue,
 * paragraphs separated by blank lines, lines wrapped at 72 columns, and a chapter heading now
 * and then.
 */
final class TextGenerator implements Generator {
    private static final int COLUMNS = 72;
    private static final String[] SAID = {"said", "cried", "asked", "replied", "returned", "whispered"};

    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        Vocabulary words = new Vocabulary(12_000, 1.05, random.nextLong());
        String[] names = new String[48];
        for (int i = 0; i < names.length; i++) {
            names[i] = (i % 3 == 0 ? "Mr. " : i % 3 == 1 ? "Miss " : "")
                    + Vocabulary.capitalized(Vocabulary.madeUp(random));
        }
        int chapter = 0;
        while (out.size() < size) {
            if (random.nextInt(120) == 0 || out.size() == 0) {
                out.ascii("CHAPTER " + roman(++chapter) + "\n\n");
                out.ascii(Vocabulary.capitalized(words.next(random)) + " " + words.next(random) + " "
                        + Vocabulary.capitalized(words.next(random)) + "\n\n");
            }
            paragraph(random, words, names, out);
        }
    }

    private static void paragraph(SplittableRandom random, Vocabulary words, String[] names, DataWriter out) {
        Line line = new Line(out);
        boolean dialogue = random.nextInt(4) == 0;
        int sentences = 1 + random.nextInt(dialogue ? 3 : 8);
        for (int s = 0; s < sentences; s++) {
            StringBuilder sentence = new StringBuilder();
            int length = 3 + random.nextInt(random.nextInt(28) + 1);
            for (int w = 0; w < length; w++) {
                String word = random.nextInt(40) == 0 ? Vocabulary.pick(random, names)
                        : random.nextInt(300) == 0 ? Integer.toString(random.nextInt(2000)) : words.next(random);
                if (w == 0) {
                    word = Vocabulary.capitalized(word);
                }
                sentence.append(word);
                if (w < length - 1) {
                    sentence.append(random.nextInt(11) == 0 ? ", " : random.nextInt(90) == 0 ? "; " : " ");
                }
            }
            int end = random.nextInt(12);
            if (dialogue) {
                line.words("\"" + sentence + (end < 3 ? "?\"" : end < 5 ? "!\"" : ",\"") + " " + SAID[random.nextInt(SAID.length)]
                        + " " + Vocabulary.pick(random, names) + ".");
            } else {
                line.words(sentence + (end == 0 ? "?" : end == 1 ? "!" : "."));
            }
        }
        line.end();
        out.put('\n');
    }

    private static String roman(int n) {
        int[] values = {100, 90, 50, 40, 10, 9, 5, 4, 1};
        String[] digits = {"C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
        StringBuilder b = new StringBuilder();
        n = (n - 1) % 399 + 1;
        for (int i = 0; i < values.length; i++) {
            for (; n >= values[i]; n -= values[i]) {
                b.append(digits[i]);
            }
        }
        return b.toString();
    }

    /** Fills lines word by word, breaking before a word that would pass the last column. */
    private static final class Line {
        private final DataWriter out;
        private int column;

        Line(DataWriter out) {
            this.out = out;
        }

        void words(String text) {
            for (String word : text.split(" ")) {
                if (column > 0 && column + 1 + word.length() > COLUMNS) {
                    out.put('\n');
                    column = 0;
                }
                if (column > 0) {
                    out.put(' ');
                    column++;
                }
                out.ascii(word);
                column += word.length();
            }
        }

        void end() {
            if (column > 0) {
                out.put('\n');
                column = 0;
            }
        }
    }
}
