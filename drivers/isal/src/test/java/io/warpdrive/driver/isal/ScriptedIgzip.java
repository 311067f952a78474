package io.warpdrive.driver.isal;

import io.warpdrive.driver.isal.igzip.Igzip;
import io.warpdrive.driver.isal.igzip.IgzipAbi;
import io.warpdrive.driver.isal.igzip.IgzipUnavailableException;
import io.warpdrive.driver.isal.igzip.JnaIgzip;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The real libisal seam with a test's hands on it: counts native memory still allocated,
 * records the igzip level of every compression, and lets a test replace what a call
 * returns or do something before it runs.
 */
final class ScriptedIgzip implements Igzip {
    private final Igzip real;
    private final Map<Long, Long> live = new ConcurrentHashMap<>();
    final List<Integer> deflateLevels = new CopyOnWriteArrayList<>();
    /** The length of every dictionary given to isal_deflate_set_dict. */
    final List<Integer> dictionaryLengths = new CopyOnWriteArrayList<>();
    /** Applied to isal_deflate's and isal_deflate_stateless's result. */
    volatile IntUnaryOperator deflateResult = IntUnaryOperator.identity();
    /** Applied to isal_inflate's result. */
    volatile IntUnaryOperator inflateResult = IntUnaryOperator.identity();
    /** Run before each isal_deflate (e.g. to hold a job inside it). */
    volatile Runnable beforeDeflate = () -> { };
    /** Run with the stream's address after each isal_deflate (e.g. to write past the struct). */
    volatile LongConsumer afterDeflate = stream -> { };
    /** Run with the state's address after each isal_inflate. */
    volatile LongConsumer afterInflate = state -> { };
    /** When false, isal_deflate_init does nothing (a library whose layout is not the expected one). */
    volatile boolean deflateInitWorks = true;

    private ScriptedIgzip(Igzip real) {
        this.real = real;
    }

    /** Around this machine's libisal; the test is skipped, with the reason, without it. */
    static ScriptedIgzip onLibisal() {
        return new ScriptedIgzip(libisal());
    }

    /** This machine's libisal as the driver binds it; the test is skipped, with the reason, without it. */
    static Igzip libisal() {
        try {
            return JnaIgzip.load("libisal.so.2");
        } catch (IgzipUnavailableException e) {
            Assumptions.abort("libisal is not installed here (install libisal2): " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    /** Bytes of native memory allocated and not freed. */
    long liveBytes() {
        return live.values().stream().mapToLong(Long::longValue).sum();
    }

    int liveBlocks() {
        return live.size();
    }

    @Override
    public String library() {
        return real.library();
    }

    @Override
    public long allocate(long bytes) {
        long address = real.allocate(bytes);
        if (address != 0) {
            live.put(address, bytes);
        }
        return address;
    }

    @Override
    public void free(long address) {
        if (live.remove(address) == null) {
            throw new AssertionError("free of " + address + ", which is not allocated (double free?)");
        }
        real.free(address);
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return real.view(address, length);
    }

    @Override
    public long addressOf(ByteBuffer direct) {
        return real.addressOf(direct);
    }

    @Override
    public void deflateInit(long stream) {
        if (deflateInitWorks) {
            real.deflateInit(stream);
        }
    }

    @Override
    public void deflateStatelessInit(long stream) {
        real.deflateStatelessInit(stream);
    }

    @Override
    public int deflateSetDict(long stream, long dictionary, int length) {
        dictionaryLengths.add(length);
        return real.deflateSetDict(stream, dictionary, length);
    }

    @Override
    public int deflate(long stream) {
        beforeDeflate.run();
        deflateLevels.add(level(stream));
        int result = real.deflate(stream);
        afterDeflate.accept(stream);
        return deflateResult.applyAsInt(result);
    }

    @Override
    public int deflateStateless(long stream) {
        deflateLevels.add(level(stream));
        return deflateResult.applyAsInt(real.deflateStateless(stream));
    }

    private int level(long stream) {
        return real.view(stream, IgzipAbi.ZSTREAM_SIZE).getInt(IgzipAbi.ZS_LEVEL);
    }

    @Override
    public void inflateInit(long state) {
        real.inflateInit(state);
    }

    @Override
    public void inflateReset(long state) {
        real.inflateReset(state);
    }

    @Override
    public int inflate(long state) {
        int result = real.inflate(state);
        afterInflate.accept(state);
        return inflateResult.applyAsInt(result);
    }
}
