package io.warpdrive.driver.hisi_zip.qm;

/**
 * The 64-bit value written to a QM doorbell: which queue ({@code sqn}), which ring
 * ({@code cmd}: {@link #SQ} with the new SQ tail, {@link #CQ} with the new CQ head), the
 * index, and a priority.
 *
 * <pre>
 *  v1:  sqn[15:0]  cmd[31:16]                 index[47:32]  priority[63:48]
 *  v2+: sqn[9:0]   cmd[15:12]  randata[31:16]=0  index[47:32]  priority[63:48]
 * </pre>
 */
public enum DoorbellFormat {
    V1 {
        @Override
        public long encode(int sqn, int cmd, int index, int priority) {
            return (sqn & 0xffffL) | (cmd & 0xffffL) << 16 | (index & 0xffffL) << 32 | (priority & 0xffffL) << 48;
        }
    },
    V2 {
        @Override
        public long encode(int sqn, int cmd, int index, int priority) {
            return (sqn & 0x3ffL) | (cmd & 0xfL) << 12 | (index & 0xffffL) << 32 | (priority & 0xffffL) << 48;
        }
    };

    /** cmd of an SQ doorbell: index is the new SQ tail. */
    public static final int SQ = 0;
    /** cmd of a CQ doorbell: index is the new CQ head. */
    public static final int CQ = 1;

    public abstract long encode(int sqn, int cmd, int index, int priority);
}
