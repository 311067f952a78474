package io.warpdrive.core.jmx;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an MXBean, attribute, operation or parameter is, as a JMX client shows it; on a
 * parameter also its name (class files keep no parameter names, so JMX would say p0, p1, …).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER })
public @interface Description {
    String value();

    /** A parameter's name. */
    String name() default "";
}
