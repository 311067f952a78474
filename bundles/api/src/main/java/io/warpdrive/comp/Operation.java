package io.warpdrive.comp;

/** Direction of a request ({@code wd_comp_op_type}); a hardware queue serves one of them. */
public enum Operation {
    COMPRESS,
    DECOMPRESS
}
