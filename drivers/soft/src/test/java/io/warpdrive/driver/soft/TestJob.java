package io.warpdrive.driver.soft;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.StreamState;

/** A minimal {@link Job} for driving the codec as a worker would; reusable and recording its completion. */
final class TestJob implements Job {
    private Operation operation;
    private Algorithm algorithm;
    private int level = 6;
    private WindowSize window = WindowSize.W32K;
    private SgList source;
    private SgList destination;
    private Flush flush = Flush.FINISH;
    private StreamState stream;
    private long outputLimit = Long.MAX_VALUE;

    int completions;
    boolean endOfStream;
    WdStatus failure;
    String failureDetail;

    static TestJob compress(Algorithm algorithm, int level, SgList source, SgList destination) {
        return new TestJob().set(Operation.COMPRESS, algorithm, level, source, destination);
    }

    static TestJob decompress(Algorithm algorithm, SgList source, SgList destination) {
        return new TestJob().set(Operation.DECOMPRESS, algorithm, 6, source, destination);
    }

    TestJob set(Operation operation, Algorithm algorithm, int level, SgList source, SgList destination) {
        this.operation = operation;
        this.algorithm = algorithm;
        this.level = level;
        this.source = source;
        this.destination = destination;
        completions = 0;
        failure = null;
        failureDetail = null;
        return this;
    }

    TestJob window(WindowSize value) {
        window = value;
        return this;
    }

    TestJob outputLimit(long value) {
        outputLimit = value;
        return this;
    }

    TestJob stream(StreamState value, Flush flushMode) {
        stream = value;
        flush = flushMode;
        return this;
    }

    @Override
    public int tag() {
        return 0;
    }

    @Override
    public Operation operation() {
        return operation;
    }

    @Override
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public int level() {
        return level;
    }

    @Override
    public WindowSize window() {
        return window;
    }

    @Override
    public SgList source() {
        return source;
    }

    @Override
    public SgList destination() {
        return destination;
    }

    @Override
    public Flush flush() {
        return flush;
    }

    @Override
    public StreamState stream() {
        return stream;
    }

    @Override
    public long outputLimit() {
        return outputLimit;
    }

    @Override
    public void addCpuTime(long nanos) {
    }

    @Override
    public void complete(boolean eos) {
        completions++;
        endOfStream = eos;
    }

    @Override
    public void fail(WdStatus status, String detail) {
        completions++;
        failure = status;
        failureDetail = detail;
    }
}
