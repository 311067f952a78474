package io.warpdrive.webconsole;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's page as a plugin of the Felix Web Console: a servlet service with the
 * console's plugin properties ({@value #LABEL} under {@code /system/console/}), behind the
 * console's own login. It is the same page, served by the same {@link ConsoleServlet}:
 *
 * <ul>
 * <li>the console wraps a request without an extension in its own page (header, navigation), so
 * the page comes as a {@link Fragment} of it, and the page's JSON is asked for with
 * {@code .json} ({@code api/status.json}), which the console passes through unwrapped;</li>
 * <li>paths arrive below the label ({@code /warpdrive/api/status.json}) and are handed to the
 * servlet as the standalone page's ({@code /api/status});</li>
 * <li>changes need no password of the page's own: the console has authenticated the request.</li>
 * </ul>
 *
 * <p>Registered as a plain {@code jakarta.servlet.Servlet} with the properties the console looks
 * for, so this bundle needs nothing of the Felix Web Console's packages; without the console,
 * nothing picks the service up.
 */
final class FelixConsolePlugin extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String LABEL = "warpdrive";
    static final String TITLE = "WarpDrive";
    /** The Felix Web Console's plugin service properties (its ServletConstants). */
    static final String PLUGIN_LABEL = "felix.webconsole.label";
    static final String PLUGIN_TITLE = "felix.webconsole.title";
    static final String PLUGIN_CATEGORY = "felix.webconsole.category";
    private static final String JSON_SUFFIX = ".json";

    private final ConsoleServlet page;

    FelixConsolePlugin(WebConsole console) {
        this.page = new ConsoleServlet(console, new Fragment());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        String inner = innerPath(req.getPathInfo());
        page.service(new HttpServletRequestWrapper(req) {
            @Override
            public String getPathInfo() {
                return inner;
            }
        }, resp);
    }

    /** {@code /warpdrive/api/status.json} -> {@code /api/status}; the label alone -> {@code /}. */
    static String innerPath(String pathInfo) {
        String p = pathInfo == null ? "" : pathInfo;
        String prefix = "/" + LABEL;
        if (p.equals(prefix) || p.startsWith(prefix + "/")) {
            p = p.substring(prefix.length());
        }
        if (p.startsWith("/api/") && p.endsWith(JSON_SUFFIX)) {
            p = p.substring(0, p.length() - JSON_SUFFIX.length());
        }
        return p.isEmpty() ? "/" : p;
    }

    /**
     * The page ({@code index.html}) as a part of the console's page: its style sheets, its body in an
     * element that tells the script where the plugin's API is ({@code data-api-base}, absolute, since
     * the console's page URL has no trailing slash) and how to ask for JSON ({@code data-api-suffix}),
     * and its scripts, their URLs below the plugin's root.
     */
    static final class Fragment {
        private static final Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\">");
        private static final Pattern SCRIPT = Pattern.compile("<script src=\"([^\"]+)\" defer></script>");

        String of(String indexHtml, HttpServletRequest req) {
            String root = req.getContextPath() + req.getServletPath() + "/" + LABEL + "/";
            String head = between(indexHtml, "<head>", "</head>");
            String body = between(indexHtml, "<body>", "</body>");
            StringBuilder out = new StringBuilder();
            Matcher css = STYLESHEET.matcher(head);
            while (css.find()) {
                out.append("<link rel=\"stylesheet\" href=\"").append(root).append(css.group(1)).append("\">\n");
            }
            out.append("<div class=\"warpdrive-plugin\" data-api-base=\"").append(root).append("\" data-api-suffix=\"")
                    .append(JSON_SUFFIX).append("\">").append(body).append("</div>\n");
            Matcher js = SCRIPT.matcher(head);
            while (js.find()) {
                out.append("<script src=\"").append(root).append(js.group(1)).append("\" defer></script>\n");
            }
            return out.toString();
        }

        private static String between(String text, String start, String end) {
            int from = text.indexOf(start);
            int to = text.indexOf(end, from);
            if (from < 0 || to < 0) {
                throw new IllegalStateException("the page has no " + start + "…" + end);
            }
            return text.substring(from + start.length(), to);
        }
    }
}
