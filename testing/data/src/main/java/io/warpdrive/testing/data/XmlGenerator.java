package io.warpdrive.testing.data;

import java.util.SplittableRandom;

/**
 * An XML catalogue of records: attributes with ids, dates and codes, nested author and price
 * elements, tag lists and free-text descriptions, indented two spaces a level.
 */
final class XmlGenerator implements Generator {
    private static final String[] TYPES = {"book", "article", "report", "thesis", "manual", "letter"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "CNY"};
    private static final String[] COUNTRIES = {"GB", "DE", "FR", "US", "CN", "JP", "IT", "ES", "NL", "SE"};

    @Override
    public void generate(SplittableRandom random, DataWriter out, int size) {
        Vocabulary words = new Vocabulary(6_000, 1.05, random.nextLong());
        out.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog xmlns=\"urn:warpdrive:test:catalog\">\n");
        for (long id = 1; out.size() < size; id++) {
            out.ascii("  <record id=\"" + id + "\" type=\"" + Vocabulary.pick(random, TYPES) + "\" updated=\""
                    + Fields.iso(random) + "\">\n");
            out.ascii("    <title>" + phrase(random, words, 2 + random.nextInt(6), true) + "</title>\n");
            for (int a = 1 + random.nextInt(random.nextInt(3) + 1); a > 0; a--) {
                out.ascii("    <author>\n      <name>" + Vocabulary.capitalized(Vocabulary.madeUp(random)) + " "
                        + Vocabulary.capitalized(Vocabulary.madeUp(random)) + "</name>\n      <country>"
                        + Vocabulary.pick(random, COUNTRIES) + "</country>\n    </author>\n");
            }
            out.ascii("    <price currency=\"" + Vocabulary.pick(random, CURRENCIES) + "\">" + Fields.amount(random.nextInt(20_000)) + "</price>\n");
            out.ascii("    <tags>");
            for (int t = random.nextInt(5); t >= 0; t--) {
                out.ascii("<tag>" + words.word(random.nextInt(60)) + "</tag>");
            }
            out.ascii("</tags>\n");
            if (random.nextInt(3) > 0) {
                out.ascii("    <description>" + phrase(random, words, 8 + random.nextInt(40), false)
                        + ".</description>\n");
            }
            out.ascii("  </record>\n");
        }
        out.ascii("</catalog>\n");
    }

    private static String phrase(SplittableRandom random, Vocabulary words, int length, boolean title) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            String w = words.next(random);
            b.append(i > 0 ? " " : "").append(title || i == 0 ? Vocabulary.capitalized(w) : w);
        }
        return b.toString();
    }
}
