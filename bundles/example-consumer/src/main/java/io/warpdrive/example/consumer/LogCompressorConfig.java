package io.warpdrive.example.consumer;

import io.warpdrive.comp.FallbackPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the log compressor (PID {@value LogCompressor#PID}); without one it does not run. */
@ObjectClassDefinition(name = "WarpDrive example: log compressor",
        description = "Gzips rotated log files in a folder through WarpDrive.")
@interface LogCompressorConfig {

    @AttributeDefinition(name = "Folder", description = "The folder holding the log files.")
    String folder();

    @AttributeDefinition(name = "Pattern",
            description = "Glob of the names of rotated log files (not the one being written). "
                    + "Names ending in .gz or .gz.part are never taken.")
    String pattern() default "*.log.[0-9]*";

    @AttributeDefinition(name = "Level", description = "Compression level, 1 (fastest) to 9 (smallest).",
            min = "1", max = "9")
    int level() default 6;

    @AttributeDefinition(name = "Fallback",
            description = "AUTO: an accelerator when one is free, else the CPU at once; "
                    + "HARDWARE_ONLY: wait for an accelerator; SOFTWARE_ONLY: the CPU only.")
    FallbackPolicy fallback() default FallbackPolicy.AUTO;

    @AttributeDefinition(name = "Interval (s)", description = "Seconds between two looks at the folder.",
            min = "1")
    long interval_seconds() default 60;
}
