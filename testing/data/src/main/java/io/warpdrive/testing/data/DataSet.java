package io.warpdrive.testing.data;

/**
 * Named data and where it came from, so that a test or benchmark can say what it ran on.
 *
 * @param name   short name ({@code text}, {@code silesia/dickens})
 * @param origin how it was made or where it was read
 * @param bytes  the data
 */
public record DataSet(String name, String origin, byte[] bytes) {

    /** One line for a report: name, size and origin. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s, %,d bytes (%s)", name, bytes.length, origin);
    }
}
