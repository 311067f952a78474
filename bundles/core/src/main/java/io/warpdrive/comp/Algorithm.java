package io.warpdrive.comp;

/** The deflate family, named as UADK names them ({@code alg_name}). */
public enum Algorithm {
    /** Raw deflate (RFC 1951), no header or trailer. */
    DEFLATE("deflate"),
    /** zlib (RFC 1950): 2-byte header, deflate, Adler-32 trailer. */
    ZLIB("zlib"),
    /** gzip (RFC 1952): header, deflate, CRC-32 and ISIZE trailer. */
    GZIP("gzip");

    private static final Algorithm[] VALUES = values();
    private final String uadkName;

    Algorithm(String uadkName) {
        this.uadkName = uadkName;
    }

    /** The name used by UADK, sysfs {@code algorithms} and the shell: deflate, zlib, gzip. */
    public String uadkName() {
        return uadkName;
    }

    /**
     * Parses a name as used on the command line or in sysfs (case-insensitive).
     *
     * @throws WdException with {@link WdStatus#UNSUPPORTED} for an unknown name
     */
    public static Algorithm fromName(String name) {
        if (name != null) {
            for (Algorithm a : VALUES) {
                if (a.uadkName.equalsIgnoreCase(name.trim()) || a.name().equalsIgnoreCase(name.trim())) {
                    return a;
                }
            }
        }
        throw new WdException(WdStatus.UNSUPPORTED,
                "unknown algorithm '" + name + "' (known: deflate, zlib, gzip)");
    }
}
