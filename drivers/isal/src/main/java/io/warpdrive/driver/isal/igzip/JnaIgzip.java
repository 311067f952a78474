package io.warpdrive.driver.isal.igzip;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link Igzip} on libisal through JNA direct mapping: {@code Native.register} binds the
 * static native methods of {@link Natives} to the library's functions, every argument is a
 * {@code long} address and every result an {@code int}, so a call is a plain native call
 * with nothing to convert or allocate. Native memory is JNA's {@code malloc}/{@code free}.
 *
 * <p>The binding is made once per class loader (that is, per start of the bundle) and stays
 * for its life: JNA cannot bind the same methods to a second library. A later load of
 * another library that exists gets the one bound, and says so in {@link #library()}.
 */
public final class JnaIgzip implements Igzip {
    /** The loader the driver uses outside tests. */
    public static final IgzipLoader LOADER = JnaIgzip::load;

    /** The library file bound, once a load succeeded; guarded by the class. */
    private static String bound;

    private final String library;

    private JnaIgzip(String library) {
        this.library = library;
    }

    /**
     * Binds libisal (e.g. {@code libisal.so.2}, found as the dynamic linker finds libraries)
     * the first time, and returns the binding.
     *
     * @throws IgzipUnavailableException when the library or one of its functions is not
     *         there, or JNA cannot run on this platform
     */
    public static synchronized Igzip load(String library) throws IgzipUnavailableException {
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(library);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IgzipUnavailableException("cannot load " + library + ": " + firstLine(e.getMessage()));
        }
        if (bound == null) {
            try {
                Native.register(Natives.class, lib);
            } catch (UnsatisfiedLinkError e) {
                throw new IgzipUnavailableException(library + " is not the ISA-L this driver needs: "
                        + firstLine(e.getMessage()));
            }
            bound = lib.getFile() != null ? lib.getFile().getPath() : library;
        }
        return new JnaIgzip(bound);
    }

    /**
     * JNA's message starts with its own "Unable to load library 'x':" and then gives, one per
     * line, what each place it tried said (the dynamic linker's error first): that first
     * answer is the reason.
     */
    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown reason";
        }
        String[] lines = message.strip().split("\\R");
        String line = lines.length > 1 && lines[0].startsWith("Unable to load library") ? lines[1] : lines[0];
        line = line.strip();
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public String library() {
        return library;
    }

    @Override
    public long allocate(long bytes) {
        return Native.malloc(bytes);
    }

    @Override
    public void free(long address) {
        Native.free(address);
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return new Pointer(address).getByteBuffer(0, length).order(ByteOrder.nativeOrder());
    }

    @Override
    public long addressOf(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    @Override
    public void deflateInit(long stream) {
        Natives.isal_deflate_init(stream);
    }

    @Override
    public void deflateStatelessInit(long stream) {
        Natives.isal_deflate_stateless_init(stream);
    }

    @Override
    public int deflateSetDict(long stream, long dictionary, int length) {
        return Natives.isal_deflate_set_dict(stream, dictionary, length);
    }

    @Override
    public int deflate(long stream) {
        return Natives.isal_deflate(stream);
    }

    @Override
    public int deflateStateless(long stream) {
        return Natives.isal_deflate_stateless(stream);
    }

    @Override
    public void inflateInit(long state) {
        Natives.isal_inflate_init(state);
    }

    @Override
    public void inflateReset(long state) {
        Natives.isal_inflate_reset(state);
    }

    @Override
    public int inflate(long state) {
        return Natives.isal_inflate(state);
    }

    /** The igzip functions, bound by {@link #load}; pointers as {@code long} (LP64). */
    private static final class Natives {
        private Natives() {
        }

        static native void isal_deflate_init(long stream);

        static native void isal_deflate_stateless_init(long stream);

        static native int isal_deflate_set_dict(long stream, long dictionary, int length);

        static native int isal_deflate(long stream);

        static native int isal_deflate_stateless(long stream);

        static native void isal_inflate_init(long state);

        static native void isal_inflate_reset(long state);

        static native int isal_inflate(long state);
    }
}
