package io.warpdrive.driver.hisi_zip.qm;

/**
 * A HiSilicon queue manager version as sysfs {@code api} names it ({@code hisi_qm_v1},
 * {@code hisi_qm_v2}, {@code hisi_qm_v3}, {@code hisi_qm_v5}, ...) and what follows from it
 * for the user-space side: where the doorbell register is and how its value is laid out,
 * and which hisi_zip SQE type (and therefore which tag word) the engine takes.
 *
 * <ul>
 * <li>v1: doorbell at MMIO + 0x340, v1 layout; SQE type 0 (tag in dw13).</li>
 * <li>v2 (Kunpeng 920): doorbell at MMIO + 0x1000, v2 layout; SQE type 0 (tag in dw13).</li>
 * <li>v3 and later: doorbell at MMIO + 0x1000, v2 layout; SQE type 3 (tag in dw26).</li>
 * </ul>
 * A version number this driver does not know is treated like the newest it knows, as
 * UADK does (its doorbell at 0x1000).
 */
public final class QmApi {
    private static final String PREFIX = "hisi_qm_v";
    private static final int DOORBELL_OFFSET_V1 = 0x340;
    private static final int DOORBELL_OFFSET_V2 = 0x1000;

    private final String name;
    private final int version;

    private QmApi(String name, int version) {
        this.name = name;
        this.version = version;
    }

    /** The version {@code api} names, or null when it is not a HiSilicon QM api. */
    public static QmApi parse(String api) {
        if (api == null || !api.startsWith(PREFIX)) {
            return null;
        }
        String digits = api.substring(PREFIX.length());
        int end = 0;
        while (end < digits.length() && Character.isDigit(digits.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 4) {
            return null;
        }
        return new QmApi(api, Integer.parseInt(digits.substring(0, end)));
    }

    /** The sysfs string, e.g. {@code hisi_qm_v2}. */
    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /** Offset of the doorbell register in the queue's MMIO region. */
    public int doorbellOffset() {
        return version == 1 ? DOORBELL_OFFSET_V1 : DOORBELL_OFFSET_V2;
    }

    public DoorbellFormat doorbellFormat() {
        return version == 1 ? DoorbellFormat.V1 : DoorbellFormat.V2;
    }

    /** hisi_zip SQE type, dw7[31:28]: 0 (the v1 BD) up to v2, 3 (the v3 BD) from v3 on. */
    public int sqeType() {
        return version >= 3 ? 3 : 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
