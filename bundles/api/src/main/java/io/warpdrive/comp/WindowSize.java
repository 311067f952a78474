package io.warpdrive.comp;

/** Deflate history window for compression ({@code wd_comp_winsz_type}). */
public enum WindowSize {
    W4K(4 * 1024),
    W8K(8 * 1024),
    W16K(16 * 1024),
    W24K(24 * 1024),
    W32K(32 * 1024);

    private final int bytes;

    WindowSize(int bytes) {
        this.bytes = bytes;
    }

    /** Window size in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The UADK / hisi_zip encoding (SQE dw9[15:12]): 0 for 4K up to 4 for 32K. */
    public int uadkCode() {
        return ordinal();
    }
}
