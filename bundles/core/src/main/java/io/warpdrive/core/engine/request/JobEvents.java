package io.warpdrive.core.engine.request;

import io.warpdrive.comp.WdStatus;
import io.warpdrive.core.engine.queue.EngineQueue;

/** Where a finished job goes: the engine decides whether its request succeeded, fails or is re-sent. */
public interface JobEvents {
    void jobFinished(EngineQueue queue, EngineRequest request, WdStatus status, String detail, boolean endOfStream,
            long consumed, long produced);
}
