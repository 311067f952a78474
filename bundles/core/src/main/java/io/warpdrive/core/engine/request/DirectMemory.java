package io.warpdrive.core.engine.request;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer's native memory at once instead of whenever the collector finds the
 * buffer unreachable: a queue closed under churn would otherwise leave its bounce buffers to
 * the cleaners, and glibc keeps what they free late (resident memory grew without bound in the
 * 1,000-cycle churn run). Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported,
 * in every OpenJDK), looked up through the platform class loader so the bundle imports nothing;
 * where it is missing the collector frees the buffer, as before.
 */
final class DirectMemory {
    private static final MethodHandle INVOKE_CLEANER = lookup();

    private DirectMemory() {
    }

    /**
     * Frees {@code b} now. The caller guarantees that nothing (no driver, no device) uses the
     * buffer any more and that it drops its reference; a heap buffer is left to the collector.
     */
    static void free(ByteBuffer b) {
        if (b == null || !b.isDirect() || INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact(b);
        } catch (Throwable e) {
            // A slice or duplicate (never one of ours), or the method refused: the collector frees it.
        }
    }

    /** Whether buffers are freed at once here (false: by the collector). */
    static boolean freesAtOnce() {
        return INVOKE_CLEANER != null;
    }

    private static MethodHandle lookup() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe", false, ClassLoader.getPlatformClassLoader());
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            MethodHandle m = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return m.bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
