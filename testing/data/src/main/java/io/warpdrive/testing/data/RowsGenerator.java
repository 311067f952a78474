package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * A database table dumped as delimited rows: ascending ids, product codes, names, dates,
 * amounts and quantities, a status from a small set, a city, and an optional comment;
 * a header line every few thousand rows, as an export in pages would have.
 */
final class RowsGenerator implements Generator {
    private static final String[] STATUS = {"open", "shipped", "paid", "cancelled", "returned", "pending"};

    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        Vocabulary words = new Vocabulary(3_000, 1.0, random.nextLong());
        String[] cities = new String[200];
        for (int i = 0; i < cities.length; i++) {
            cities[i] = Vocabulary.capitalized(Vocabulary.madeUp(random));
        }
        long id = 100_000 + random.nextInt(1000);
        for (int row = 0; out.size() < size; row++) {
            if (row % 5000 == 0) {
                out.ascii("id|code|customer|date|amount|quantity|status|city|comment\n");
            }
            id += 1 + random.nextInt(3);
            out.ascii(id + "|" + (char) ('A' + random.nextInt(6)) + (char) ('A' + random.nextInt(26)) + "-"
                    + (1000 + random.nextInt(9000)) + "|" + Vocabulary.capitalized(words.next(random)) + " "
                    + Vocabulary.capitalized(words.next(random)) + "|" + Fields.day(random) + "|"
                    + Fields.amount(random.nextInt(1_000_000)) + "|" + (1 + random.nextInt(random.nextInt(99) + 1))
                    + "|" + Vocabulary.pick(random, STATUS) + "|" + cities[(int) (Math.abs(random.nextGaussian()) * 40) % cities.length]
                    + "|" + (random.nextInt(4) == 0 ? words.next(random) + " " + words.next(random) : "") + "\n");
        }
    }
}
