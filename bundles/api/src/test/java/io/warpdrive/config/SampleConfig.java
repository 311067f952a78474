package io.warpdrive.config;

/**
 * A configuration annotation with one element of each kind components use; its Metatype
 * document (bounds and options) is in the test resources, as bnd would generate it.
 */
@interface SampleConfig {
    int depth() default 64;

    long spin_us() default 50;

    double tolerance() default 0.05;

    boolean spill() default true;

    String mode() default "POLLER";

    String[] entries() default {};

    Kind kind() default Kind.FAST;

    String odd__name$_$x() default "";

    /** Required: no default. */
    String folder();

    enum Kind {
        FAST,
        SMALL
    }
}
