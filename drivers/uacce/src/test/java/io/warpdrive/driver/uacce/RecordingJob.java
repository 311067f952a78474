package io.warpdrive.driver.uacce;

import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Flush;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.comp.WindowSize;
import io.warpdrive.lib.Job;
import io.warpdrive.lib.StreamState;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/** A job as the platform hands it to a queue, recording how it completed (thread-safe). */
final class RecordingJob implements Job {
    final int tag;
    final Operation operation;
    final Algorithm algorithm;
    final SgList source;
    final SgList destination;
    Flush flush = Flush.FINISH;
    StreamState stream;
    long outputLimit = Long.MAX_VALUE;
    final AtomicInteger completions = new AtomicInteger();
    volatile boolean endOfStream;
    volatile WdStatus status;
    volatile String detail;

    RecordingJob(int tag, Operation operation, Algorithm algorithm, ByteBuffer source, ByteBuffer destination) {
        this.tag = tag;
        this.operation = operation;
        this.algorithm = algorithm;
        this.source = SgList.of(source);
        this.destination = SgList.of(destination);
    }

    /** Direct copies of {@code input} and an empty direct output of {@code room} bytes. */
    static RecordingJob of(int tag, Operation operation, Algorithm algorithm, byte[] input, int room) {
        ByteBuffer in = ByteBuffer.allocateDirect(Math.max(1, input.length)).put(input).flip();
        return new RecordingJob(tag, operation, algorithm, in, ByteBuffer.allocateDirect(room));
    }

    boolean done() {
        return completions.get() > 0;
    }

    /** The bytes produced into the destination. */
    byte[] output() {
        ByteBuffer d = destination.get(0).duplicate().flip();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }

    @Override
    public int tag() {
        return tag;
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
        return 6;
    }

    @Override
    public WindowSize window() {
        return WindowSize.W32K;
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
    public void complete(boolean eos) {
        endOfStream = eos;
        status = WdStatus.OK;
        completions.incrementAndGet();
    }

    @Override
    public void fail(WdStatus s, String why) {
        detail = why;
        status = s;
        completions.incrementAndGet();
    }

    @Override
    public String toString() {
        return "job " + tag + " " + status + (detail == null ? "" : " " + detail);
    }
}
