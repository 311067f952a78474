package io.warpdrive.core.engine.stream;

import io.warpdrive.comp.Flush;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.SgList;
import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.Engine;
import io.warpdrive.core.engine.queue.DriverBinding;
import io.warpdrive.core.engine.queue.EngineQueue;
import io.warpdrive.core.engine.request.EngineRequest;

/**
 * A decompression stream: it resumes on a fresh state of the next engine from its last resume
 * point ({@link DecompressionResume}), replaying the kept input in jobs of the request in flight:
 * output delivered before is discarded into scratch space, new output goes to the caller's.
 */
final class DecompressionContinuity extends StreamContinuity {
    private final DecompressionResume resume;
    /** The job in flight replays kept input. */
    private boolean replayJob;
    /** The caller's output buffers as a replay job writing new output sees them (its own position marks). */
    private final SgList leftoverSpace = SgList.allocate(1);
    /** The request in flight ran replay jobs: its counts are the caller's buffers' at its end. */
    private boolean replayedInRequest;

    DecompressionContinuity(Engine engine, SessionSpec spec) {
        super(engine, spec);
        this.resume = new DecompressionResume(engine.settings().streamResumeInputLimit(), engine.keptInput());
    }

    @Override
    public void arrives(EngineRequest r) {
        super.arrives(r);
        replayedInRequest = false;
    }

    @Override
    public void accepted(EngineRequest r) {
        resume.beforeRequest(r.source(), r.destination());
    }

    @Override
    public boolean leaveEngine(boolean finished) {
        cannotMove = resume.startReplay();
        if (cannotMove != null) {
            return false;
        }
        restoreCallerBuffers(current);
        return true;
    }

    @Override
    public String moveNote(DriverBinding from, String why) {
        return " resumes on another engine from its last resume point ("
                + (from == null ? "" : "driver " + from.name() + ": ") + why + ")";
    }

    @Override
    public String whyNotMovable() {
        return "a decompression stream cannot continue on another engine: "
                + (cannotMove != null ? cannotMove : "it broke earlier") + "; start it again from the beginning";
    }

    /** A replay job is no end: NONE. */
    @Override
    public Flush engineFlush(Flush flush) {
        return replayJob ? Flush.NONE : flush;
    }

    @Override
    public void beforeSend(EngineQueue q) {
        if (callerSource == null && resume.phase() != DecompressionResume.Phase.NONE) {
            startReplayJob(current);
        }
    }

    /** The request's next job replays kept input: into scratch space, or new output into the caller's. */
    private void startReplayJob(EngineRequest r) {
        callerSource = r.source();
        callerDestination = r.destination();
        replayJob = true;
        replayedInRequest = true;
        if (resume.phase() == DecompressionResume.Phase.DISCARD) {
            r.engineBuffers(resume.replaySource(), resume.discardSpace());
        } else {
            leftoverSpace.clear();
            for (int i = 0; i < callerDestination.size(); i++) {
                leftoverSpace.add(callerDestination.get(i));
            }
            leftoverSpace.markPositions();
            r.engineBuffers(resume.replaySource(), leftoverSpace);
        }
    }

    @Override
    void restoreCallerBuffers(EngineRequest r) {
        super.restoreCallerBuffers(r);
        replayJob = false;
        leftoverSpace.clear(); // refers to the caller's buffers no longer
    }

    /**
     * A replay job is followed by the next replay job or by the caller's own; a request whose jobs
     * replayed reports what its caller's buffers show.
     */
    @Override
    public boolean continuesAfter(EngineRequest r) {
        if (callerSource == null) {
            if (replayedInRequest) {
                r.resumed(r.source().advancedSinceMark(), r.destination().advancedSinceMark(), r.endOfStream());
            }
            return false;
        }
        String cannot;
        if (resume.phase() == DecompressionResume.Phase.DISCARD) {
            cannot = resume.discarded(r.consumed(), r.produced(), r.endOfStream());
        } else {
            cannot = resume.replayedLeftover(r.consumed(), r.produced(), r.endOfStream(),
                    leftoverSpace.hasRemaining());
        }
        SgList dst = callerDestination;
        restoreCallerBuffers(r);
        if (cannot != null) {
            r.failed(new WdException(WdStatus.DEVICE_ERROR, "the stream cannot resume on another engine: " + cannot),
                    null);
            return false;
        }
        if (r.endOfStream() || !dst.hasRemaining()) {
            // New output filled the caller's space, or the stream ended inside the kept input.
            r.resumed(0, dst.advancedSinceMark(), r.endOfStream());
            return false;
        }
        if (resume.phase() != DecompressionResume.Phase.NONE) {
            startReplayJob(r);
        }
        return true;
    }

    @Override
    public boolean discarding() {
        return replayJob && resume.phase() == DecompressionResume.Phase.DISCARD;
    }

    @Override
    public void succeeded(EngineRequest r) {
        super.succeeded(r);
        if (!r.servedByPlatform()) {
            resume.succeeded(r.source(), r.destination(), r.produced(), r.endOfStream());
        }
    }

    @Override
    public void failed(EngineRequest r) {
        super.failed(r);
        resume.cancelReplay();
        resume.release(); // a broken stream keeps nothing until it is reset
        if (replayedInRequest) {
            // Nothing of a failed request is delivered, the replayed output included.
            r.source().resetPositions();
            r.destination().resetPositions();
        }
    }

    @Override
    public void reset() {
        super.reset();
        resume.reset();
    }

    @Override
    public void releaseKeptInput() {
        resume.release();
    }
}
