package io.warpdrive.core.engine.request;

import io.warpdrive.comp.WdException;
import io.warpdrive.core.engine.queue.EngineQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Re-sends requests whose queue failed when no other queue had room at that moment. The
 * re-send happens on the thread that saw the failure (a driver worker, the poller), which
 * must never block; so a request that would have to wait for capacity is handed here and
 * waits its turn in the capacity line like any other, bounded by its session's timeout.
 */
public final class Resender implements Runnable {
    private final Dispatcher dispatcher;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private static final class Pending {
        final EngineRequest request;
        final WdException cause;
        final EngineQueue lastQueue;

        Pending(EngineRequest request, WdException cause, EngineQueue lastQueue) {
            this.request = request;
            this.cause = cause;
            this.lastQueue = lastQueue;
        }
    }

    public Resender(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.thread = new Thread(this, "wd-resend");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void resend(EngineRequest r, WdException cause, EngineQueue lastQueue) {
        pending.add(new Pending(r, cause, lastQueue));
        if (!running) {
            failAll();
        }
    }

    @Override
    public void run() {
        while (running) {
            Pending p;
            try {
                p = pending.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (p != null) {
                WdException again = dispatcher.dispatch(p.request, true);
                if (again != null) {
                    dispatcher.fail(p.request, new WdException(p.cause.status(),
                            p.cause.getMessage() + "; re-sending failed: " + again.getMessage()), p.lastQueue);
                }
            }
        }
        failAll();
    }

    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll();
    }

    private void failAll() {
        Pending p;
        while ((p = pending.poll()) != null) {
            dispatcher.fail(p.request, p.cause, p.lastQueue);
        }
    }
}
