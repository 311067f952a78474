package io.warpdrive.lib;

/** Where a driver computes ({@code alg_dev_type}). */
public enum CalcType {
    /** An accelerator device. */
    HW,
    /** Special CPU instructions (SIMD codecs such as ISA-L). */
    INSTR,
    /** Plain CPU code. */
    SOFT;

    /** True for accelerator hardware; INSTR and SOFT run on the CPU. */
    public boolean isHardware() {
        return this == HW;
    }
}
