package io.warpdrive.webconsole;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

/**
 * The web console started outside a framework, as Declarative Services would start it (no
 * platform: what reads the platform is not under test), with the servlet it registers and its
 * warnings at hand, and requests answered in memory.
 */
final class ConsoleUnderTest implements AutoCloseable {
    final WebConsole console = new WebConsole();
    /** Warnings the console logged about its configuration and its callers (not the load sampler's). */
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final List<Object> registeredAt = new CopyOnWriteArrayList<>();
    private volatile HttpServlet servlet;
    /** The page as the Felix Web Console's plugin, and its service properties. */
    volatile HttpServlet felixConsolePlugin;
    volatile Dictionary<?, ?> felixConsolePluginProperties;

    ConsoleUnderTest(Map<String, Object> configuration) {
        Function<Object[], Object> warn = args -> !String.valueOf(args[0]).startsWith("web console: reading the load")
                && warnings.add(String.valueOf(args[0]));
        Function<Object[], Object> quiet = args -> null;
        console.logger = Stubs.of(Logger.class, "warn", warn, "info", quiet, "error", warn, "debug", quiet);
        ServiceRegistration<?> registration = Stubs.of(ServiceRegistration.class, "unregister", quiet);
        BundleContext context = Stubs.of(BundleContext.class, "registerService", (Function<Object[], Object>) args -> {
            Object pattern = ((Dictionary<?, ?>) args[2]).get("osgi.http.whiteboard.servlet.pattern");
            if (pattern != null) {
                registeredAt.add(pattern);
                servlet = (HttpServlet) args[1];
            } else {
                felixConsolePlugin = (HttpServlet) args[1];
                felixConsolePluginProperties = (Dictionary<?, ?>) args[2];
            }
            return registration;
        });
        console.activate(context, new HashMap<>(configuration));
    }

    /** An answer: status, headers and body. */
    static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** Sends a request with {@code headers} (name, value, ...) from {@code address}. */
    Answer send(String method, String path, String address, String... headers) throws Exception {
        return dispatch(servlet, "/warpdrive", method, path, address, headers);
    }

    /** As {@link #send}, to the page as the Felix Web Console's plugin (the console's servlet at /system/console). */
    Answer sendToFelixConsolePlugin(String method, String path, String address, String... headers) throws Exception {
        return dispatch(felixConsolePlugin, "/system/console", method, path, address, headers);
    }

    private static Answer dispatch(HttpServlet target, String servletPath, String method, String path, String address,
            String... headers) throws Exception {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        HttpServletRequest req = Stubs.of(HttpServletRequest.class, "getMethod", method, "getServletPath", servletPath,
                "getContextPath", "", "getPathInfo", path,
                "getHeader", (Function<Object[], Object>) a -> h.get((String) a[0]), "getRemoteAddr", address,
                "getRequestURI", servletPath + (path == null ? "" : path), "setCharacterEncoding",
                (Function<Object[], Object>) a -> null, "getParameter", (Function<Object[], Object>) a -> null,
                "getProtocol", "HTTP/1.1", "getServerName", "localhost", "getServerPort", 8080);
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        Function<Object[], Object> quiet = a -> null;
        HttpServletResponse resp = Stubs.of(HttpServletResponse.class,
                "setStatus", (Function<Object[], Object>) a -> answer.status = (Integer) a[0],
                "setHeader", (Function<Object[], Object>) a -> answer.headers.put((String) a[0], (String) a[1]),
                "getOutputStream", out, "getWriter", new java.io.PrintWriter(answer.body, true, StandardCharsets.UTF_8),
                "setContentType", quiet, "setContentLength", quiet,
                "sendRedirect", (Function<Object[], Object>) a -> answer.status = 302);
        target.service(req, resp);
        return answer;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        console.deactivate();
    }
}
