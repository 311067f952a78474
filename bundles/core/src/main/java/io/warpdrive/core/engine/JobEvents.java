package io.warpdrive.core.engine;

import io.warpdrive.comp.WdStatus;

/** Where a finished job goes: the engine decides whether its request succeeded, fails or is re-sent. */
interface JobEvents {
    void jobFinished(EngineQueue queue, EngineRequest request, WdStatus status, String detail, boolean endOfStream,
            long consumed, long produced);
}
