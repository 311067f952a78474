package io.warpdrive.launcher.testcli;

import java.util.concurrent.CountDownLatch;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A bundle whose stop never finishes, as a consumer stuck on work that will not complete would:
 * ServiceModeIT drops it into deploy/ to see a service give up at its drain bound.
 */
public class SlowStop implements BundleActivator {

    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public void start(BundleContext context) {
        // nothing to start
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        never.await(); // until the JVM exits
    }
}
