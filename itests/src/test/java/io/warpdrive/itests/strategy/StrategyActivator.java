package io.warpdrive.itests.strategy;

import io.warpdrive.sched.resize.ResizeStrategy;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The strategy bundle's activator: registers PAIR and FAULTY (unregistered with the bundle). */
public final class StrategyActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        context.registerService(ResizeStrategy.class, new PairStrategy(), named("pair"));
        context.registerService(ResizeStrategy.class, new FaultyStrategy(), named("faulty"));
    }

    private static Dictionary<String, Object> named(String name) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(ResizeStrategy.NAME, name);
        return p;
    }

    @Override
    public void stop(BundleContext context) {
    }
}
