package io.warpdrive.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.warpdrive.admin.Platform;
import io.warpdrive.admin.SchedulerInfo;
import io.warpdrive.comp.Compressor;
import io.warpdrive.lib.CalcType;
import io.warpdrive.lib.Driver;
import io.warpdrive.sched.QueueInfo;
import io.warpdrive.sched.QueueView;
import io.warpdrive.sched.SchedKey;
import io.warpdrive.sched.Scheduler;
import io.warpdrive.testing.kit.FakeDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * WarpDrive's health checks in the Felix Health Checks, run through the HC executor and through
 * {@code hc:exec} in the Gogo shell: every check is found by its tags, and the checks turn from OK
 * to WARN or CRITICAL as the platform's state does (a demoted policy, a hardware driver without
 * queues while the CPU serves every request).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthCheckIT {
    /** The name of the fixed-speed hardware fake (the test kit's FakeDriver) this test deploys. */
    private static final String FAKE_HW = "fakehw";

    private static final String ACCELERATOR = "WarpDrive accelerator serving";
    private static final String FALLBACK = "WarpDrive CPU fallback share";
    private static final String POLICIES = "WarpDrive scheduling policies";
    private static final String DEVICES = "WarpDrive device health";
    private static final String SATURATION = "WarpDrive queue saturation";
    /** The factory PID of the HC core's JSON servlet (one configuration registers one servlet). */
    private static final String HC_SERVLET = "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet";
    private static final String HTTP_PORT = "org.osgi.service.http.port";
    /** An answer of the servlet ("STATUS BODY"): its JSON, with 200 or, for a CRITICAL overall result, 503. */
    private static final Pattern ANSWER = Pattern.compile("(200|503) \\{\"overallResult\".*", Pattern.DOTALL);
    private static final Pattern OVERALL = Pattern.compile("\"overallResult\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern RESULT = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"\\s*,\\s*\"status\"\\s*:\\s*\"(\\w+)\"");

    @Inject
    private BundleContext context;

    @Inject
    private Platform platform;

    @Inject
    private Compressor compressor;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private HealthCheckExecutor executor;

    @Configuration
    public Option[] config() {
        // The Felix HTTP service (Jetty) on a free port, for the HC servlet.
        return WarpDriveOptions.platform(WarpDriveOptions.healthChecks(), WarpDriveOptions.httpService());
    }

    @Test
    public void everyCheckIsFoundByItsTagsAndRuns() {
        InFramework.awaitGzipBothWays(platform);
        Map<String, Result.Status> all = run(HealthCheckSelector.tags("warpdrive"));
        assertEquals(Set.of(ACCELERATOR, FALLBACK, POLICIES, DEVICES, SATURATION), all.keySet());
        for (Map.Entry<String, Result.Status> e : all.entrySet()) {
            assertTrue(e.getKey() + " ran: " + e.getValue(), e.getValue().ordinal() <= Result.Status.CRITICAL.ordinal());
        }
        assertEquals(Set.of(ACCELERATOR, FALLBACK, DEVICES), run(HealthCheckSelector.tags("hardware")).keySet());
        assertEquals(Set.of(POLICIES, SATURATION), run(HealthCheckSelector.tags("scheduling")).keySet());
        assertEquals(Result.Status.OK, all.get(POLICIES));
        assertEquals(Result.Status.OK, all.get(SATURATION));
    }

    @Test
    public void aDemotedPolicyTurnsThePolicyCheckToWarn() throws Exception {
        InFramework.awaitGzipBothWays(platform);
        assertStatus(Result.Status.OK, POLICIES);
        Traffic traffic = new Traffic(compressor, 2);
        ServiceRegistration<Scheduler> reg = registerDemotedPolicy();
        try {
            assertStatus(Result.Status.WARN, POLICIES);
            String shell = hcExec("hc:exec -n \"" + POLICIES + "\"");
            assertTrue(shell, shell.contains("throwing"));
        } finally {
            reg.unregister();
            traffic.close();
        }
        traffic.assertClean();
        InFramework.await("the throwing policy gone",
                () -> platform.schedulers().stream().map(SchedulerInfo::name).noneMatch("throwing"::equals));
        assertStatus(Result.Status.OK, POLICIES);
    }

    @Test
    public void theServletServesTheChecksAsJsonWhenTheHttpServiceRuns() throws Exception {
        InFramework.awaitGzipBothWays(platform);
        org.osgi.service.cm.Configuration servlet = configAdmin.getFactoryConfiguration(HC_SERVLET, "warpdrive", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("servletPath", "/system/health");
        servlet.update(props);
        try {
            URI uri = URI.create("http://127.0.0.1:" + context.getProperty(HTTP_PORT)
                    + "/system/health.json?tags=warpdrive&forceInstantExecution=true");
            HttpClient http = HttpClient.newHttpClient();
            String[] body = new String[1];
            Await.until(() -> "the health check servlet at " + uri + " (last answer: " + body[0] + ")", () -> {
                body[0] = get(http, uri);
                return ANSWER.matcher(body[0]).matches();
            });
            // The servlet's status mapping: 503 when the overall result is CRITICAL, else 200.
            String overall = jsonOverall(body[0]);
            assertEquals(body[0], overall.equals("CRITICAL") ? "503" : "200", body[0].substring(0, 3));
            body[0] = body[0].substring(4);
            Map<String, String> statuses = jsonStatuses(body[0]);
            assertEquals(body[0], Set.of(ACCELERATOR, FALLBACK, POLICIES, DEVICES, SATURATION), statuses.keySet());
            assertEquals(body[0], "OK", statuses.get(POLICIES));

            Traffic traffic = new Traffic(compressor, 2);
            ServiceRegistration<Scheduler> reg = registerDemotedPolicy();
            try {
                String demoted = get(http, uri).substring(4);
                assertEquals(demoted, "WARN", jsonStatuses(demoted).get(POLICIES));
                assertTrue(demoted, demoted.contains("throwing"));
            } finally {
                reg.unregister();
                traffic.close();
            }
            traffic.assertClean();
        } finally {
            servlet.delete();
        }
    }

    /** The answer as "STATUS BODY", or what went wrong (the HTTP service or the servlet not there yet). */
    private static String get(HttpClient http, URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() + " " + response.body();
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String jsonOverall(String answer) {
        Matcher m = OVERALL.matcher(answer);
        assertTrue(answer, m.find());
        return m.group(1);
    }

    /** Each result's name and status in the HC servlet's JSON ({@code "name":"…","status":"…"}). */
    private static Map<String, String> jsonStatuses(String json) {
        Map<String, String> statuses = new TreeMap<>();
        Matcher m = RESULT.matcher(json);
        while (m.find()) {
            statuses.put(m.group(1), m.group(2));
        }
        return statuses;
    }

    /**
     * A policy that throws on every pick, ranked above the default one: the platform demotes it
     * (the caller sends traffic, so that there are picks to fail).
     */
    private ServiceRegistration<Scheduler> registerDemotedPolicy() {
        Scheduler throwing = new Scheduler() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public QueueInfo pick(SchedKey key, QueueView view) {
                throw new IllegalStateException("a bug in a third-party policy");
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1000);
        props.put("scheduler.name", throwing.name());
        ServiceRegistration<Scheduler> reg = context.registerService(Scheduler.class, throwing, props);
        InFramework.await("the throwing policy demoted", () -> platform.schedulers().stream()
                .anyMatch(s -> s.name().equals("throwing") && s.demoted()));
        return reg;
    }

    @Test
    public void aHardwareDriverWithoutQueuesWhileTheCpuServesIsReported() throws Exception {
        InFramework.awaitGzipBothWays(platform);
        setHardwareQueues(0);
        FakeDriver hw = FakeDriver.fixedSpeedHardware(FAKE_HW, 4, TimeUnit.MICROSECONDS.toNanos(100));
        ServiceRegistration<Driver> reg = context.registerService(Driver.class, hw, null);
        try {
            Traffic traffic = new Traffic(compressor, 2);
            traffic.awaitProgress(50);
            traffic.close();
            traffic.assertClean();
            // Every request in the window ran on a CPU engine while a hardware driver is deployed.
            assertStatus(Result.Status.WARN, ACCELERATOR);
            assertStatus(Result.Status.CRITICAL, FALLBACK);
            String shell = hcExec("hc:exec hardware");
            assertTrue(shell, shell.contains(ACCELERATOR) && shell.contains(FAKE_HW));

            setHardwareQueues(2);
            InFramework.await("a hardware queue available", this::hardwareQueueAvailable);
            assertStatus(Result.Status.OK, ACCELERATOR);
            assertStatus(Result.Status.OK, DEVICES);
        } finally {
            reg.unregister();
            hw.shutdown();
        }
    }

    private boolean hardwareQueueAvailable() {
        QueueView queues = platform.queues();
        for (int i = 0; i < queues.size(); i++) {
            QueueInfo q = queues.get(i);
            if (q.calcType() == CalcType.HW && q.isAvailable()) {
                return true;
            }
        }
        return false;
    }

    private void setHardwareQueues(int count) throws Exception {
        // The fake copies: no calibration (its self-test would refuse it).
        org.osgi.service.cm.Configuration engine = configAdmin.getConfiguration("io.warpdrive.engine", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("queues", new String[] {FAKE_HW + "=" + count});
        props.put("calibrate", false);
        props.put("verify.percent", 0.0); // nor compress-and-verify: the fake's output is not gzip
        engine.update(props);
        InFramework.await("the engine configuration applied", () -> platform.queueCount(FAKE_HW, null,
                io.warpdrive.lib.QueueMode.SHARED) == count);
    }

    /** Runs one check now and asserts its status, showing its log when it differs. */
    private void assertStatus(Result.Status expected, String name) {
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions();
        options.setForceInstantExecution(true);
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.names(name), options);
        assertEquals(name, 1, results.size());
        Result result = results.get(0).getHealthCheckResult();
        StringBuilder log = new StringBuilder(name).append(':');
        result.forEach(e -> log.append(' ').append(e.getStatus()).append(' ').append(e.getMessage()).append(';'));
        assertEquals(log.toString(), expected, result.getStatus());
    }

    /** Runs the selected checks now (no cached result) and returns their statuses by name. */
    private Map<String, Result.Status> run(HealthCheckSelector selector) {
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions();
        options.setForceInstantExecution(true);
        List<HealthCheckExecutionResult> results = executor.execute(selector, options);
        return results.stream().collect(Collectors.toMap(r -> r.getHealthCheckMetadata().getName(),
                r -> r.getHealthCheckResult().getStatus(), (a, b) -> a, TreeMap::new));
    }

    /** Runs a command in a Gogo session, as an operator types it, and returns what it printed and returned. */
    private String hcExec(String command) throws Exception {
        CommandProcessor processor = context.getService(context.getServiceReference(CommandProcessor.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            return out.toString(StandardCharsets.UTF_8) + (result == null ? "" : result.toString());
        }
    }
}
