package io.warpdrive.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.warpdrive.launcher.testload.LoadConsumer;

/**
 * The web console as an operator meets it: {@code java -jar warpdrive.jar --web=PORT} with the
 * round-robin policy deployed (ranked below the default one) and a consumer bundle compressing
 * without pause, looked at in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which .ci/run installs) driven by Selenium.
 *
 * <p>It checks that the page loads without a browser console error, that the load charts grow
 * while the load runs, that the policy swap clicked on the page (with the configured
 * credentials) makes round robin the active policy (as the console's JSON and the shell's
 * {@code wd:sched} then report), and that refusals (wrong password, an impossible queue count)
 * are shown on the page with the platform's status. Screenshots go to
 * {@code target/webconsole-it/}. Without Chromium the test fails, saying what to install: it
 * never passes without having run. Every wait is a bounded poll of a condition, never a sleep.
 */
class WebConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = "operator";
    private static final String PASSWORD = "t0p secret";
    private static final String LOAD_BSN = "io.warpdrive.launcher.testload";
    /** The Felix Web Console's own login as it ships (its configuration can change it). */
    private static final String FELIX_CONSOLE_USER = "admin";
    private static final String FELIX_CONSOLE_PASSWORD = "admin";
    /**
     * Selenium looks for a DevTools (CDP) binding matching the browser and warns at length when
     * there is none; this test uses WebDriver only. Held here so the setting is not collected.
     */
    private static final java.util.logging.Logger CDP_LOG = quiet("org.openqa.selenium.devtools");
    private static final java.util.logging.Logger CHROMIUM_LOG = quiet("org.openqa.selenium.chromium");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(Level.SEVERE);
        return l;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void pageShowsTheLiveLoadAndSwapsThePolicy() throws Exception {
        Path dir = Path.of(System.getProperty("warpdrive.webconsole.it.dir", "target/webconsole-it")).toAbsolutePath();
        Launcher.deleteTree(dir);
        Path home = dir.resolve("home");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        Files.writeString(conf.resolve("io.warpdrive.webconsole.cfg"),
                "username=" + USER + "\npassword=" + PASSWORD + "\nrefresh.ms=500\n");
        // This test is about the console, not the pick budget: on a loaded machine a policy's picks can overrun
        // the default 1 ms, and a policy demoted for it would not be the active one the page is asked to show.
        Files.writeString(conf.resolve("io.warpdrive.engine.cfg"), "scheduler.budget.us=1000000\n");
        // Round robin below the default policy, so that the page's swap is what makes it active.
        // (.config: typed values; service.ranking must be an Integer)
        Files.writeString(conf.resolve("io.warpdrive.sched.rr.config"), "service.ranking=I\"-5\"\n");
        Path rr = Path.of(System.getProperty("warpdrive.rr.jar", "../bundles/sched-rr/target/io.warpdrive.sched.rr.jar"));
        assertTrue(Files.isRegularFile(rr), rr + " is missing: build bundles/sched-rr first");
        Files.copy(rr, deploy.resolve("io.warpdrive.sched.rr.jar"), StandardCopyOption.REPLACE_EXISTING);
        writeLoadBundle(deploy.resolve("testload.jar"));

        int port = freePort();
        String base = "http://127.0.0.1:" + port + "/warpdrive/";
        Path jar = Path.of(System.getProperty("warpdrive.jar", "target/warpdrive.jar")).toAbsolutePath();
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--home", home.toString(), "--web=" + port)
                .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        OutputStream shell = platform.getOutputStream(); // the interactive Gogo console reads this
        try {
            awaitConsole(platform, base + "api/status", stdout, stderr);
            WebDriver browser = chromium(dir);
            try {
                exercise(browser, base, dir);
            } finally {
                browser.quit();
            }
            // The shell of the same platform sees the swap the page made.
            shell.write("wd:sched\nexit\n".getBytes(StandardCharsets.UTF_8));
            shell.flush();
            assertTrue(platform.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the platform stops on 'exit'");
            String out = Files.readString(stdout);
            assertTrue(Pattern.compile("(?m)^\\s*rr\\s+-?\\d+\\s+active").matcher(out).find(),
                    "wd:sched shows rr active:\n" + out);
        } finally {
            if (platform.isAlive()) {
                platform.destroy();
                if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                    platform.destroyForcibly();
                }
            }
            shell.close();
        }
    }

    /**
     * The same page inside the Felix Web Console (its bundles deployed into {@code deploy/}): listed
     * among the console's plugins, behind the console's login (401 without it), its tables and charts
     * live, and a change applied from it without a password of the page's own.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void pageAppearsInTheFelixWebConsoleBehindItsLogin() throws Exception {
        Path dir = Path.of(System.getProperty("warpdrive.webconsole.it.dir", "target/webconsole-it")).toAbsolutePath()
                .resolveSibling("felix-webconsole-it");
        Launcher.deleteTree(dir);
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("conf"));
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        for (String jar : System.getProperty("warpdrive.felix.webconsole.jars", "").split(",")) {
            Path file = Path.of(jar);
            assertTrue(Files.isRegularFile(file), file + " is missing (the launcher's test dependencies)");
            Files.copy(file, deploy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = freePort();
        String console = "http://127.0.0.1:" + port + "/system/console/";
        Path jar = Path.of(System.getProperty("warpdrive.jar", "target/warpdrive.jar")).toAbsolutePath();
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--home", home.toString(), "--web=" + port, "--service")
                .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            awaitConsole(platform, "http://127.0.0.1:" + port + "/warpdrive/api/status", stdout, stderr);
            HttpClient http = HttpClient.newHttpClient();
            URI status = URI.create(console + "warpdrive/api/status.json");
            long deadline = System.nanoTime() + WAIT.toNanos();
            int anonymous;
            // The console's plugin comes up once its bundles have been deployed and started.
            while ((anonymous = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()) == 404 && System.nanoTime() < deadline) {
                platform.waitFor(200, TimeUnit.MILLISECONDS);
            }
            assertEquals(401, anonymous, "the plugin's JSON is behind the console's login");
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(status)
                    .header("Authorization", basic(FELIX_CONSOLE_USER, FELIX_CONSOLE_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode(), json.body());
            assertTrue(json.body().contains("\"changesEnabled\":true"), json.body());

            WebDriver browser = chromium(dir);
            try {
                JavascriptExecutor js = (JavascriptExecutor) browser;
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                // Log in to the console (credentials in the URL: no login dialog in a headless browser), then
                // open the page as an operator would, the browser answering the console's challenges.
                browser.get("http://" + FELIX_CONSOLE_USER + ":" + FELIX_CONSOLE_PASSWORD + "@127.0.0.1:" + port
                        + "/system/console/warpdrive");
                browser.get(console + "warpdrive");
                wait.withMessage("the page talks to the platform inside the console")
                        .until(d -> "live".equals(attribute(js, "#connection", "data-state")));
                assertFalse(browser.findElements(By.cssSelector("a[href$='/warpdrive']")).isEmpty(),
                        "the console's navigation lists the WarpDrive page");
                wait.withMessage("the drivers table shows the soft driver").until(d -> !d.findElements(
                        By.xpath("//tbody[@id='drivers-body']/tr[td[1]='soft']")).isEmpty());
                int points = intAttribute(js, "#chart-throughput svg", "data-points");
                wait.withMessage("the charts grow").until(d -> intAttribute(js, "#chart-throughput svg", "data-points") > points);
                assertFalse(browser.findElement(By.id("credentials")).isDisplayed(),
                        "no login of the page's own: the console's covers the changes");
                new Select(browser.findElement(By.id("queue-driver"))).selectByValue("soft");
                fill(browser, "queue-count", "3");
                browser.findElement(By.id("queue-apply")).click();
                wait.withMessage("a queue count is applied from the page in the console").until(d ->
                        "ok".equals(attribute(js, "#message", "data-kind"))
                                && d.findElements(By.xpath("//tbody[@id='queues-body']/tr[td[2]='soft']")).size() == 6);
                List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertEquals(List.of(), errors, "browser console errors");
                screenshot(browser, dir.resolve("felix-webconsole.png"));
            } finally {
                browser.quit();
            }
        } finally {
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
        }
    }

    private void exercise(WebDriver browser, String base, Path dir) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(base);
        wait.withMessage("the page talks to the console").until(d -> "live".equals(attribute(js, "#connection", "data-state")));
        assertEquals("WarpDrive web console", browser.getTitle());

        // ---- live charts while the consumer bundle compresses
        wait.withMessage("the load consumer shows among the consumers").until(d -> !d.findElements(
                By.cssSelector("#consumers-body tr[data-key^='" + LOAD_BSN + " ']")).isEmpty());
        int before = intAttribute(js, "#chart-throughput svg", "data-points");
        String path = attribute(js, "#chart-throughput path[data-series='soft']", "d");
        wait.withMessage("the throughput chart grows and shows the soft driver's load").until(d ->
                intAttribute(js, "#chart-throughput svg", "data-points") > before
                        && Double.parseDouble(attribute(js, "#chart-throughput svg", "data-max")) > 0
                        && !String.valueOf(path).equals(attribute(js, "#chart-throughput path[data-series='soft']", "d")));
        int inFlightPoints = intAttribute(js, "#chart-inflight svg", "data-points");
        wait.withMessage("the in-flight chart grows").until(d -> intAttribute(js, "#chart-inflight svg", "data-points") > inFlightPoints);

        // ---- the performance models, named as wd:models names them (the soft engine serves the load)
        wait.withMessage("the models table shows a prediction the soft engine has learned").until(d -> !d.findElements(
                By.xpath("//tbody[@id='models-body']/tr[starts-with(@data-key, 'soft/')]"
                        + "[td[2]='gzip compress, fast (levels 1-3)'][td[4] != 'learning']")).isEmpty());
        assertTrue(Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT").matcher(
                text(js, "#calibrations-body tr[data-key^='soft/'] td:nth-child(2)")).find(),
                "the soft engine passed its calibration at start: "
                        + text(js, "#calibrations-body tr[data-key^='soft/']"));
        assertEquals("yes", text(js, "#calibrations-body tr[data-key^='soft/'] td:nth-child(3)"), "it gets traffic");
        assertTrue(text(js, "#crossovers").length() > 0, "the crossovers line is there");

        // ---- policy swap from the page
        assertEquals("priority", text(js, "#active-policy"), "the default policy is active before the swap");
        fill(browser, "user", USER);
        fill(browser, "password", PASSWORD);
        WebElement use = wait.withMessage("round robin is listed with a Use button").until(d -> {
            List<WebElement> b = d.findElements(By.cssSelector("button.use-policy[data-policy='rr']"));
            return b.isEmpty() || !b.get(0).isEnabled() ? null : b.get(0);
        });
        use.click();
        wait.withMessage("the page reports the swap").until(d -> "ok".equals(attribute(js, "#message", "data-kind")));
        assertTrue(text(js, "#message").startsWith("active scheduling policy: rr"), text(js, "#message"));
        wait.withMessage("the page shows rr active").until(d -> "rr".equals(text(js, "#active-policy"))
                && "active".equals(attribute(js, "#policies-body tr[data-key='rr']", "data-state")));
        String status = get(base + "api/status");
        assertTrue(status.contains("\"activePolicy\":\"rr\""), "the platform's active policy is rr: " + status);
        assertTrue(Pattern.compile("\"name\":\"" + Pattern.quote(LOAD_BSN) + "\",[^}]*\"errors\":0[,}]").matcher(status).find(),
                "no request of the load consumer failed, the swap included: " + status);

        // ---- no browser console error so far (the refusals below log their 4xx answers)
        List<LogEntry> logs = browser.manage().logs().get(LogType.BROWSER).getAll();
        logs.forEach(e -> System.out.println("browser console: " + e));
        List<LogEntry> errors = logs.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), errors, "browser console errors");
        screenshot(browser, dir.resolve("webconsole.png"));

        // ---- refusals are shown with the platform's status
        fill(browser, "password", "wrong");
        browser.findElement(By.cssSelector("button.use-policy[data-policy='priority']")).click();
        wait.withMessage("a wrong password is refused on the page").until(d -> "error".equals(attribute(js, "#message", "data-kind")));
        assertTrue(text(js, "#message").startsWith("ACCESS_DENIED (16): "), text(js, "#message"));
        assertEquals("rr", text(js, "#active-policy"), "nothing changed");

        fill(browser, "password", PASSWORD);
        // The soft driver: the product's hardware driver is present too, with no device on this machine,
        // and the isal driver keeps its own queues where libisal is installed.
        new Select(browser.findElement(By.id("queue-driver"))).selectByValue("soft");
        fill(browser, "queue-count", "100000");
        browser.findElement(By.id("queue-apply")).click();
        wait.withMessage("an impossible queue count is refused on the page").until(d ->
                text(js, "#message").startsWith("INVALID_ARGUMENT (1): "));
        fill(browser, "queue-count", "3");
        browser.findElement(By.id("queue-apply")).click();
        wait.withMessage("a queue count is applied live").until(d -> "ok".equals(attribute(js, "#message", "data-kind"))
                && d.findElements(By.xpath("//tbody[@id='queues-body']/tr[td[2]='soft']")).size() == 6);
        screenshot(browser, dir.resolve("webconsole-changes.png"));
    }

    // ---------------------------------------------------------------- the browser

    private static WebDriver chromium(Path dir) {
        File browser = executable("warpdrive.chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        File driver = executable("webdriver.chrome.driver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1800", "--user-data-dir=" + dir.resolve("chromium-profile"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** The file named by the system property, else the first of the paths that exists; fails loudly otherwise. */
    private static File executable(String property, String... candidates) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return new File(configured);
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return new File(c);
            }
        }
        return fail("no " + String.join(" or ", candidates) + ": install Debian's chromium and chromium-driver "
                + "packages (.ci/run does), or set -D" + property);
    }

    private static String attribute(JavascriptExecutor js, String selector, String name) {
        return (String) js.executeScript(
                "const e = document.querySelector(arguments[0]); return e === null ? null : e.getAttribute(arguments[1]);",
                selector, name);
    }

    private static int intAttribute(JavascriptExecutor js, String selector, String name) {
        String v = attribute(js, selector, name);
        return v == null ? -1 : Integer.parseInt(v);
    }

    private static String text(JavascriptExecutor js, String selector) {
        return (String) js.executeScript(
                "const e = document.querySelector(arguments[0]); return e === null ? '' : e.textContent;", selector);
    }

    private static void fill(WebDriver browser, String id, String value) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    private static void screenshot(WebDriver browser, Path file) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        System.out.println("web console screenshot: " + file);
    }

    // ---------------------------------------------------------------- the platform

    /** Polls the console's status until it answers 200; fails with the platform's output if it dies or never does. */
    private static void awaitConsole(Process platform, String url, Path stdout, Path stderr) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Function<String, String> output = why -> {
            try {
                return why + "\nstdout:\n" + Files.readString(stdout) + "\nstderr:\n" + Files.readString(stderr);
            } catch (IOException e) {
                return why;
            }
        };
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!platform.isAlive()) {
                fail(output.apply("warpdrive.jar --web exited with " + platform.exitValue()));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                fail(output.apply("the web console did not answer at " + url + " within " + WAIT.toSeconds() + " s"));
            }
            platform.waitFor(200, TimeUnit.MILLISECONDS); // a bounded pause between polls that ends early if it dies
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** {@link LoadConsumer} as a bundle. */
    private static void writeLoadBundle(Path file) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", LOAD_BSN);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", LoadConsumer.class.getName());
        a.putValue("Import-Package", "io.warpdrive.admin;version=\"[1.0,2)\",io.warpdrive.comp;version=\"[1.0,2)\","
                + "org.osgi.framework;version=\"[1.8,2)\",org.osgi.util.tracker;version=\"[1.5,2)\"");
        String entry = LoadConsumer.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), mf);
                var cls = LoadConsumer.class.getClassLoader().getResourceAsStream(entry)) {
            assertNotNull(cls, entry);
            jar.putNextEntry(new JarEntry(entry));
            cls.transferTo(jar);
            jar.closeEntry();
        }
    }
}
