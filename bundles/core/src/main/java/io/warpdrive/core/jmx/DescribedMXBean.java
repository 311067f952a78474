package io.warpdrive.core.jmx;

import io.warpdrive.comp.WdException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.StandardMBean;

/**
 * An MXBean as a generic JMX client (jconsole, VisualVM, a script) can use it: the
 * descriptions and parameter names of its interface's {@link Description}s, and failures as
 * JDK exceptions with the message — a platform exception is translated, so nothing of
 * {@code io.warpdrive} crosses the wire (a client without the platform's classes would fail to
 * read it).
 */
final class DescribedMXBean<T> extends StandardMBean {
    private final Class<T> type;

    DescribedMXBean(T implementation, Class<T> type) {
        super(type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                translatingErrors(implementation))), type, true);
        this.type = type;
    }

    private static InvocationHandler translatingErrors(Object implementation) {
        return (proxy, method, args) -> {
            try {
                return method.invoke(implementation, args);
            } catch (InvocationTargetException e) {
                throw jdkException(e.getCause());
            }
        };
    }

    /**
     * The failure as a JDK exception with its message and no cause: a platform status becomes
     * IllegalArgumentException (a wrong argument), UnsupportedOperationException or
     * IllegalStateException; any other exception keeps its type if it is the JDK's.
     */
    static RuntimeException jdkException(Throwable t) {
        if (t instanceof WdException) {
            WdException w = (WdException) t;
            String message = w.getMessage();
            switch (w.status()) {
                case INVALID_ARGUMENT:
                    return new IllegalArgumentException(message);
                case UNSUPPORTED:
                    return new UnsupportedOperationException(message);
                default:
                    return new IllegalStateException(message);
            }
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof IllegalArgumentException) {
            return new IllegalArgumentException(message);
        }
        if (t instanceof UnsupportedOperationException) {
            return new UnsupportedOperationException(message);
        }
        return new IllegalStateException(t instanceof IllegalStateException ? message : t.toString());
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = type.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        for (String prefix : new String[] {"get", "is"}) {
            Method m = method(prefix + info.getName(), 0);
            if (m != null && m.getAnnotation(Description.class) != null) {
                return m.getAnnotation(Description.class).value();
            }
        }
        return super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        Method m = method(info.getName(), info.getSignature().length);
        Description d = m == null ? null : m.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Description d = parameter(op, sequence);
        return d != null && !d.name().isEmpty() ? d.name() : super.getParameterName(op, param, sequence);
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Description d = parameter(op, sequence);
        return d != null ? d.value() : super.getDescription(op, param, sequence);
    }

    private Description parameter(MBeanOperationInfo op, int sequence) {
        Method m = method(op.getName(), op.getSignature().length);
        return m == null ? null : m.getParameters()[sequence].getAnnotation(Description.class);
    }

    private Method method(String name, int parameters) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters) {
                return m;
            }
        }
        return null;
    }
}
