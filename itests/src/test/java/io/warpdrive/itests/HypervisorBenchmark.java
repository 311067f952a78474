package io.warpdrive.itests;

import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Algorithm;
import io.warpdrive.comp.Compressor;
import io.warpdrive.comp.Operation;
import io.warpdrive.comp.Request;
import io.warpdrive.comp.Session;
import io.warpdrive.comp.SessionSpec;
import io.warpdrive.comp.WdStatus;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.testing.data.TestFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Benchmark, not a test (failsafe runs it only when asked: {@code -Dit.test=HypervisorBenchmark}):
 * the hypervisor's throughput policy against a static equal split, in one run, on the
 * hardware driver over emulated devices shaped so that every queue serves at the same fixed
 * speed. Three contexts declare work in the ratio 1:2:4 and start with equal queues; each
 * keeps its queues busy with 32 KiB gzip requests of dickens. Reported: each context's finish
 * time, and their spread ((latest − earliest) / latest), with the policy and with the split
 * left as it started; the latest finish with the policy as a ratio of the static one. The
 * table goes to {@code itests/target/hypervisor-benchmark.txt}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HypervisorBenchmark {
    private static final String BSN = "io.warpdrive.sched.hypervisor";
    private static final int DEVICES = 3;
    private static final int QUEUES_PER_DEVICE = 12;
    /** 1 µs per byte: each queue serves about 1 MB/s, whatever the host's CPU does besides. */
    private static final String EMULATOR = "api=hisi_qm_v3;instances=32;depth=4;threads=" + QUEUES_PER_DEVICE
            + ";ns_per_byte=1000;zlib_level=1";
    private static final int REQUEST = 32 * 1024;
    private static final long UNIT = 24L << 20;
    private static final long[] WORK = { UNIT, 2 * UNIT, 4 * UNIT };
    private static final String[] NAMES = { "one", "two", "four" };
    private static final int WINDOW = 64;

    @Inject
    private BundleContext context;

    @Inject
    private Compressor compressor;

    @Inject
    private Platform platform;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private LogReaderService logReader;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final LogListener listener = entry -> {
        if (entry.getBundle() != null && BSN.equals(entry.getBundle().getSymbolicName())) {
            logged.add(entry.getMessage());
        }
    };

    @Configuration
    public Option[] config() {
        return WarpDriveOptions.platform();
    }

    @Test
    public void throughputPolicyAgainstAStaticEqualSplit() throws Exception {
        logReader.addLogListener(listener);
        configure("io.warpdrive.driver.uacce", "emulator.devices", DEVICES, "emulator.options", EMULATOR);
        configure("io.warpdrive.engine", "queues", new String[] { "hisi_zip=" + QUEUES_PER_DEVICE, "soft=0", "isal=0" });
        await("36 hisi_zip compress queues and no other", () -> compressQueues("hisi_zip") == DEVICES * QUEUES_PER_DEVICE
                && compressQueues("soft") == 0);
        Bundle hypervisor = context.installBundle(PolicyJars.path(BSN).toUri().toString());
        hypervisor.start();
        await("the hypervisor active", () -> {
            List<SchedulerInfo> list = platform.schedulers();
            return !list.isEmpty() && list.get(0).active() && list.get(0).name().equals("hypervisor");
        });
        byte[] pool = TestFiles.file("text");
        double[] still = run("static", "APPLICATION", pool);
        double[] policy = run("throughput", "THROUGHPUT", pool);
        hypervisor.uninstall();
        logReader.removeLogListener(listener);
        List<String> resizes = logged.stream().filter(m -> m.startsWith("context throughput-")).toList();

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-12s %10s %10s %10s %8s%n", "", "1 (24 MiB)", "2 (48 MiB)",
                "4 (96 MiB)", "spread"));
        row(table, "static split", still);
        row(table, "throughput", policy);
        table.append(String.format(Locale.ROOT, "latest finish, throughput / static: %.2f%n", max(policy) / max(still)));
        table.append("(finish times in seconds from the common start; 3 emulated devices x 12 compress queues at ~1 MB/s"
                + " each, 12 queues per context at the start; " + REQUEST / 1024 + " KiB gzip requests of dickens, level 1)\n");
        table.append("\nresizes of the throughput run, as the hypervisor logged them:\n");
        resizes.forEach(m -> table.append("  ").append(m).append('\n'));
        Path out = Path.of(System.getProperty("warpdrive.itest.dir")).resolveSibling("hypervisor-benchmark.txt");
        Files.writeString(out, table);
        System.out.print(table);
        assertTrue("the static split finishes far apart: " + spread(still), spread(still) > 0.5);
    }

    /** Three contexts of work 1:2:4 submitted at once; their finish times in seconds. */
    private double[] run(String label, String policy, byte[] pool) throws Exception {
        List<org.osgi.service.cm.Configuration> configs = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            String name = label + "-" + NAMES[c];
            org.osgi.service.cm.Configuration cfg = configAdmin.getFactoryConfiguration(
                    "io.warpdrive.hypervisor.context", name, "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("name", name);
            props.put("tags", new String[] { name });
            props.put("resize.policy", policy);
            props.put("work", WORK[c]);
            cfg.update(props);
            configs.add(cfg);
        }
        String expected = "contexts: " + label + "-four (" + policy + "), " + label + "-one (" + policy + "), " + label
                + "-two (" + policy + ")";
        // logged once the contexts' equal split is published (idle queues are handed over at once)
        await("the hypervisor logged '" + expected + "'", () -> logged.stream().anyMatch(m -> m.contains(expected)));
        long start = System.nanoTime();
        double[] finish = new double[3];
        List<Thread> threads = new ArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        for (int c = 0; c < 3; c++) {
            final int ctx = c;
            Thread t = new Thread(() -> {
                long done = submitAll(label + "-" + NAMES[ctx], WORK[ctx], pool, problems);
                finish[ctx] = (done - start) / 1e9;
            }, "bench-" + NAMES[c]);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(5));
        }
        assertTrue("problems: " + problems, problems.isEmpty());
        for (org.osgi.service.cm.Configuration cfg : configs) {
            cfg.delete();
        }
        return finish;
    }

    /** Submits the context's work in requests, keeping {@value #WINDOW} in flight; returns when the last completed. */
    private long submitAll(String tag, long work, byte[] pool, List<String> problems) {
        BlockingQueue<Request> free = new ArrayBlockingQueue<>(WINDOW);
        AtomicLong last = new AtomicLong();
        try (Session s = compressor.openSession(SessionSpec.of(Algorithm.GZIP).withLevel(1).withContextTag(tag)
                .withTimeout(Duration.ofSeconds(60)))) {
            for (int i = 0; i < WINDOW; i++) {
                free.add(s.newRequest().operation(Operation.COMPRESS).destination(ByteBuffer.allocate(2 * REQUEST)));
            }
            long offset = 0;
            for (long sent = 0; sent < work; sent += REQUEST) {
                Request r = free.take();
                if (offset + REQUEST > pool.length) {
                    offset = 0;
                }
                r.source(ByteBuffer.wrap(pool, (int) offset, REQUEST)).destination().get(0).clear();
                offset += REQUEST;
                s.submit(r, done -> {
                    if (done.status() != WdStatus.OK) {
                        problems.add(tag + ": " + done.error());
                    }
                    last.accumulateAndGet(System.nanoTime(), Math::max);
                    free.add(done);
                });
            }
            for (int i = 0; i < WINDOW; i++) {
                free.take();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(tag + ": interrupted");
        } catch (RuntimeException e) {
            problems.add(tag + ": " + e);
        }
        return last.get();
    }

    private int compressQueues(String driver) {
        QueueView v = platform.queues();
        int n = 0;
        for (int i = 0; i < v.size(); i++) {
            QueueInfo q = v.get(i);
            if (q.driver().equals(driver) && q.operation() == Operation.COMPRESS) {
                n++;
            }
        }
        return n;
    }

    private void configure(String pid, Object... keyValues) throws IOException {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        c.update(props);
    }


    private static void row(StringBuilder table, String label, double[] finish) {
        table.append(String.format(Locale.ROOT, "%-12s %10.2f %10.2f %10.2f %7.0f%%%n", label, finish[0], finish[1],
                finish[2], spread(finish) * 100));
    }

    private static double max(double[] v) {
        return Math.max(v[0], Math.max(v[1], v[2]));
    }

    private static double spread(double[] finish) {
        double lo = Math.min(finish[0], Math.min(finish[1], finish[2]));
        return (max(finish) - lo) / max(finish);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
