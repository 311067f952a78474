package io.warpdrive.driver.hisi_zip;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the hisi_zip driver (PID {@value UacceDriver#PID}). */
@ObjectClassDefinition(name = "WarpDrive hisi_zip driver (UACCE)",
        description = "HiSilicon ZIP accelerators through the Linux UACCE interface, or emulated ones.")
@interface UacceConfig {

    @AttributeDefinition(name = "Class directory",
            description = "The uacce sysfs class directory scanned for devices.")
    String class_dir() default "/sys/class/uacce";

    @AttributeDefinition(name = "Device directory", description = "Where the devices' char devices are.")
    String dev_dir() default "/dev";

    @AttributeDefinition(name = "Rescan interval (ms)",
            description = "How often the class directory is read again, so that devices that appear, disappear,"
                    + " are isolated or free instances are noticed; 0 scans only at start and on demand.",
            min = "0")
    long rescan_interval_ms() default 5000;

    @AttributeDefinition(name = "Priority",
            description = "Driver priority (larger wins): above every CPU driver, so hardware is preferred.")
    int priority() default 100;

    @AttributeDefinition(name = "Emulated devices",
            description = "0: the real devices of class.dir. N > 0: start N emulated devices (libwdemu) in a"
                    + " temporary directory and use them. The framework property warpdrive.uacce.emulate"
                    + " (java -jar warpdrive.jar --emulate N) overrides this.", min = "0", max = "64")
    int emulator_devices() default 0;

    @AttributeDefinition(name = "Emulator options",
            description = "libwdemu configuration for emulated devices, key=value separated by ';': api"
                    + " (hisi_qm_v1|v2|v3; v1/v2 devices offer zlib and gzip only), instances, depth, numa,"
                    + " latency_ns, ns_per_byte, zlib_level, threads, set_qp_info, sva.")
    String emulator_options() default "api=hisi_qm_v3";

    @AttributeDefinition(name = "Fallback queue depth",
            description = "SQ and CQ depth assumed when the kernel does not answer SET_QP_INFO (UADK: 1024).",
            min = "2")
    int queue_depth_fallback() default 1024;

    @AttributeDefinition(name = "Largest SQE (KiB)",
            description = "The most input or output one hardware request carries (hisi_zip: 8192 KiB); a larger"
                    + " request is split into stateful requests.", min = "4")
    int sqe_max_kb() default 8192;
}
