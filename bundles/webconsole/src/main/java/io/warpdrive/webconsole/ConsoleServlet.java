package io.warpdrive.webconsole;

import io.warpdrive.comp.WdException;
import io.warpdrive.comp.WdStatus;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything under the console's path:
 *
 * <ul>
 * <li>{@code GET /} the page, {@code GET /console.css}, {@code /console.js}, {@code /wdchart.js} its
 * style and scripts (served from this bundle: no CDN);</li>
 * <li>{@code GET /api/status} drivers, devices, queues, policies and consumers as JSON
 * ({@link StatusJson});</li>
 * <li>{@code GET /api/history} the load history of the charts as JSON ({@link LoadHistory});</li>
 * <li>{@code POST /api/policy} ({@code name}) makes a policy the active one;</li>
 * <li>{@code POST /api/queues} ({@code driver}, {@code device}, {@code mode}, {@code count}) sets a
 * queue count.</li>
 * </ul>
 *
 * <p>The POSTs require the configured credentials (HTTP Basic) and refuse cross-site requests
 * (an {@code Origin} other than this server). Their answer is {@code {"ok":true,"message":…}} or,
 * with a 4xx/5xx status, {@code {"ok":false,"status":…,"code":…,"detail":…}} where status and
 * code are the platform's {@link WdStatus}. After {@value LoginThrottle#FREE_FAILURES} wrong passwords
 * in a row an address is locked out for a while (429 with {@code Retry-After}); a burst of wrong
 * passwords is logged in one line. A method a path does not take gets 405 with {@code Allow}.
 * Every answer says {@code X-Frame-Options: DENY} besides the CSP's {@code frame-ancestors}, and a
 * 401 to the page's own requests (header {@value #PAGE_HEADER}) names a scheme browsers do not
 * open their login dialog for.
 */
final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The page sends this header; a 401 then names a scheme browsers do not prompt for. */
    static final String PAGE_HEADER = "X-WarpDrive-Console";
    static final String REALM = "WarpDrive web console";

    private static final String JSON = "application/json; charset=utf-8";
    /** Too Many Requests (RFC 6585), which HttpServletResponse has no constant for. */
    static final int SC_TOO_MANY_REQUESTS = 429;
    private static final Map<String, String> STATIC_TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "wdchart.js", "text/javascript; charset=utf-8");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final transient WebConsole console;
    private final transient Map<String, byte[]> files;
    /** Null for the standalone page; the page inside the Felix Web Console otherwise. */
    private final transient FelixConsolePlugin.Fragment felixConsole;

    ConsoleServlet(WebConsole console) {
        this(console, null);
    }

    /**
     * @param felixConsole null: the standalone page (its own credentials and headers); otherwise the
     *        page as a fragment of the Felix Web Console's, behind the console's own login
     */
    ConsoleServlet(WebConsole console, FelixConsolePlugin.Fragment felixConsole) {
        this.console = console;
        this.felixConsole = felixConsole;
        this.files = Map.of(
                "index.html", load("index.html"),
                "console.css", load("console.css"),
                "console.js", load("console.js"),
                "wdchart.js", load("wdchart.js"));
    }

    private static byte[] load(String name) {
        try (InputStream in = ConsoleServlet.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the web console bundle lacks static/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        commonHeaders(resp);
        String path = req.getPathInfo();
        if (path == null) {
            // ".../warpdrive" -> ".../warpdrive/", so that the page's relative URLs resolve below it.
            resp.sendRedirect(req.getRequestURI() + "/");
            return;
        }
        switch (path) {
            case "/" -> {
                if (felixConsole == null) {
                    file(resp, "index.html");
                } else {
                    // Inside the Felix Web Console's page, which has the response's writer already.
                    PrintWriter w = resp.getWriter();
                    w.write(felixConsole.of(new String(files.get("index.html"), StandardCharsets.UTF_8), req));
                    w.flush();
                }
            }
            case "/api/status" -> json(resp, HttpServletResponse.SC_OK, () -> {
                WebConsole.Settings s = console.settings();
                return console.status().write(new StatusJson.ConsoleInfo(console.version(), s.refreshMillis(),
                        felixConsole != null || s.credentials().enabled()), System.currentTimeMillis());
            });
            case "/api/history" -> json(resp, HttpServletResponse.SC_OK, () -> {
                JsonWriter w = new JsonWriter(new StringBuilder(8192));
                console.history().writeJson(w);
                return w.toString();
            });
            default -> {
                String name = path.substring(1);
                if (STATIC_TYPES.containsKey(name)) {
                    file(resp, name);
                } else {
                    error(resp, HttpServletResponse.SC_NOT_FOUND, WdStatus.INVALID_ARGUMENT, "nothing at " + path);
                }
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        commonHeaders(resp);
        req.setCharacterEncoding("UTF-8");
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!path.equals("/api/policy") && !path.equals("/api/queues")) {
            error(resp, HttpServletResponse.SC_NOT_FOUND, WdStatus.INVALID_ARGUMENT, "nothing to change at " + path);
            return;
        }
        if (!sameOrigin(req)) {
            error(resp, HttpServletResponse.SC_FORBIDDEN, WdStatus.ACCESS_DENIED,
                    "changes are accepted from the console's own page only");
            return;
        }
        if (felixConsole == null && !authorized(req, resp)) {
            return;
        }
        try {
            String message = path.equals("/api/policy")
                    ? console.actions().usePolicy(req.getParameter("name"))
                    : console.actions().setQueueCount(req.getParameter("driver"), req.getParameter("device"),
                            req.getParameter("mode"), req.getParameter("count"));
            console.logger().info("web console: {} (from {})", message, req.getRemoteAddr());
            JsonWriter w = new JsonWriter().beginObject().member("ok", true).member("message", message).endObject();
            send(resp, HttpServletResponse.SC_OK, w.toString());
        } catch (WdException e) {
            console.logger().info("web console: change refused: {}", e.getMessage());
            error(resp, httpStatus(e.status()), e.status(), e.detail());
        } catch (RuntimeException e) {
            console.logger().error("web console: change failed", e);
            error(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, WdStatus.INTERNAL, String.valueOf(e));
        }
    }

    /**
     * The standalone page's own login for a change: the configured credentials (HTTP Basic), wrong
     * passwords throttled per address. Answers the request itself and returns false when refused.
     * (Inside the Felix Web Console, the console's login has already covered the request.)
     */
    private boolean authorized(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String address = req.getRemoteAddr();
        long locked = console.throttle().lockedSeconds(address);
        if (locked > 0) {
            resp.setHeader("Retry-After", Long.toString(locked));
            error(resp, SC_TOO_MANY_REQUESTS, WdStatus.ACCESS_DENIED, "too many wrong passwords from " + address
                    + ": changes are refused for " + locked + " s");
            return false;
        }
        WebConsole.Settings s = console.settings();
        Credentials.Check check = s.credentials().check(req.getHeader("Authorization"));
        if (check == Credentials.Check.REJECTED
                && console.throttle().failed(address) == LoginThrottle.Failure.BURST_STARTS) {
            console.logger().warn("web console: wrong password for a change from {}; further failures from there are "
                    + "counted, not logged, and after {} in a row it is locked out", address,
                    LoginThrottle.FREE_FAILURES);
        }
        switch (check) {
            case DISABLED -> {
                error(resp, HttpServletResponse.SC_FORBIDDEN, WdStatus.ACCESS_DENIED, "changes are disabled: no password "
                        + "is configured (set username and password in conf/" + WebConsole.PID + ".cfg)");
                return false;
            }
            case MISSING, REJECTED -> {
                boolean page = req.getHeader(PAGE_HEADER) != null;
                // A Basic challenge makes browsers open their own login dialog; the page asks itself.
                resp.setHeader("WWW-Authenticate", (page ? "WarpDrive" : "Basic") + " realm=\"" + REALM + "\", charset=\"UTF-8\"");
                error(resp, HttpServletResponse.SC_UNAUTHORIZED, WdStatus.ACCESS_DENIED,
                        "wrong or missing user name and password");
                return false;
            }
            case ACCEPTED -> console.throttle().succeeded(address);
        }
        return true;
    }

    static int httpStatus(WdStatus status) {
        return switch (status) {
            case INVALID_ARGUMENT -> HttpServletResponse.SC_BAD_REQUEST;
            case ACCESS_DENIED -> HttpServletResponse.SC_FORBIDDEN;
            case TIMEOUT -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            default -> HttpServletResponse.SC_CONFLICT; // e.g. UNSUPPORTED: not possible in the platform's state
        };
    }

    /** No Origin (not a browser's cross-site request), or this very server. */
    static boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI o = new URI(origin);
            int port = o.getPort() >= 0 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            return o.getHost() != null && o.getHost().equalsIgnoreCase(req.getServerName()) && port == req.getServerPort();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * Answers 405 (with {@code Allow}) for a method a known path does not take, and 404 for
     * any method but GET, HEAD and POST on a path that is not there; the rest goes to the
     * handlers.
     */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String method = req.getMethod();
        String path = req.getPathInfo();
        String allowed = allowedMethods(path);
        if (allowed != null ? !List.of(allowed.split(", ")).contains(method)
                : !method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            commonHeaders(resp);
            if (allowed == null) {
                error(resp, HttpServletResponse.SC_NOT_FOUND, WdStatus.INVALID_ARGUMENT, "nothing at " + path);
            } else {
                resp.setHeader("Allow", allowed);
                error(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, WdStatus.INVALID_ARGUMENT,
                        method + " is not allowed on " + (path == null ? "/" : path) + " (allowed: " + allowed + ")");
            }
            return;
        }
        super.service(req, resp);
    }

    /** The methods a path of the console takes, or null for a path that is not there. */
    static String allowedMethods(String path) {
        if (path == null || path.equals("/") || path.equals("/api/status") || path.equals("/api/history")
                || (path.startsWith("/") && STATIC_TYPES.containsKey(path.substring(1)))) {
            return "GET, HEAD";
        }
        if (path.equals("/api/policy") || path.equals("/api/queues")) {
            return "POST";
        }
        return null;
    }

    private void commonHeaders(HttpServletResponse resp) {
        if (felixConsole != null) {
            return; // the Felix Web Console's page and headers: ours (CSP, frames) would break its scripts
        }
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Content-Security-Policy", CSP);
    }

    private void file(HttpServletResponse resp, String name) throws IOException {
        byte[] body = files.get(name);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(STATIC_TYPES.get(name));
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private void json(HttpServletResponse resp, int status, Supplier<String> body) throws IOException {
        String text;
        try {
            text = body.get();
        } catch (RuntimeException e) {
            console.logger().warn("web console: reading the platform failed", e);
            error(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, WdStatus.INTERNAL, String.valueOf(e));
            return;
        }
        send(resp, status, text);
    }

    private static void error(HttpServletResponse resp, int httpStatus, WdStatus status, String detail) throws IOException {
        JsonWriter w = new JsonWriter().beginObject().member("ok", false).member("status", status.name())
                .member("code", status.code()).member("detail", detail).endObject();
        send(resp, httpStatus, w.toString());
    }

    private static void send(HttpServletResponse resp, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(JSON);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
