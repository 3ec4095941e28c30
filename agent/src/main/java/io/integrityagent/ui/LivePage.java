package io.integrityagent.ui;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Serves the live page on the agent's HTTP endpoint: {@code /}, one self-contained HTML page, and
 * {@code /violations}, the JSON it polls. Every other request gets a plain status and a line of text, never a
 * stack trace: an unknown path 404, a method other than GET or HEAD 405 (with {@code Allow}), a request target
 * over {@value #MAX_TARGET_LENGTH} characters 414, a malformed query 400.
 *
 * <p>With a token, each request must present it ({@code Authorization: Bearer …} or {@code ?token=…}): 401
 * without one, 403 with a wrong one. Without a token the page is only served on a loopback address (start-up
 * sees to that), and a request whose {@code Host} is not a loopback name gets 403, so that a web page the
 * developer visits cannot read the violations through a DNS name rebound to 127.0.0.1.
 *
 * <p>The page may run only its own inline script and style (their hashes are in the Content-Security-Policy),
 * may connect only to this endpoint, and puts every value into the page as text.
 */
public final class LivePage implements HttpHandler {

    static final int MAX_TARGET_LENGTH = 2048;
    private static final String PAGE_PATH = "/";
    private static final String JSON_PATH = "/violations";
    private static final String RESOURCE = "live-page.html";
    private static final String ALLOWED_METHODS = "GET, HEAD";
    private static final String BEARER = "Bearer ";

    private final RecentViolations recent;
    private final AccessToken token;
    private final byte[] page;
    private final String contentSecurityPolicy;

    /**
     * @param token the token every request must present, {@code null} for none
     * @throws UncheckedIOException if the page cannot be read from the agent's jar
     */
    public LivePage(RecentViolations recent, String token) {
        this.recent = recent;
        this.token = token == null ? null : new AccessToken(token);
        String html = readPage();
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.contentSecurityPolicy = "default-src 'none'; script-src " + hashOf(html, "script")
                + "; style-src " + hashOf(html, "style") + "; connect-src 'self'; img-src 'none'"
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        int targetLength = (target == null ? 0 : target.length()) + (query == null ? 0 : query.length() + 1);
        Headers headers = exchange.getResponseHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        if (targetLength > MAX_TARGET_LENGTH) {
            refuse(exchange, 414, "request target longer than " + MAX_TARGET_LENGTH + " characters");
        } else if (!PAGE_PATH.equals(target) && !JSON_PATH.equals(target)) {
            refuse(exchange, 404, "not found: the live page is at / and its data at /violations");
        } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            headers.set("Allow", ALLOWED_METHODS);
            refuse(exchange, 405, "method not allowed: " + ALLOWED_METHODS);
        } else {
            Map<String, String> parameters;
            try {
                parameters = QueryString.parse(query);
            } catch (IllegalArgumentException malformed) {
                refuse(exchange, 400, "malformed query string");
                return;
            }
            if (admitted(exchange, parameters.get("token"))) {
                if (PAGE_PATH.equals(target)) {
                    respond(exchange, 200, "text/html; charset=utf-8", page);
                } else {
                    respond(exchange, 200, "application/json; charset=utf-8",
                            ViolationsJson.render(recent.snapshot()).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Whether the request may see the violations; if not, it has been answered. */
    private boolean admitted(HttpExchange exchange, String tokenParameter) throws IOException {
        if (token == null) {
            if (!LoopbackHost.named(exchange.getRequestHeaders().getFirst("Host"))) {
                refuse(exchange, 403, "the live page answers only to a loopback host name (localhost, 127.0.0.1)");
                return false;
            }
            return true;
        }
        String presented = tokenParameter;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (presented == null && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            presented = authorization.substring(BEARER.length()).trim();
        }
        if (presented == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"integrity-agent\"");
            refuse(exchange, 401, "this page needs the agent's ui.token: open /?token=…");
            return false;
        }
        if (!token.matches(presented)) {
            refuse(exchange, 403, "wrong token");
            return false;
        }
        return true;
    }

    private static void refuse(HttpExchange exchange, int status, String reason) throws IOException {
        respond(exchange, status, "text/plain; charset=utf-8",
                (status + " " + reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            // The JDK's server sends no body for HEAD and warns when given a length for one.
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String readPage() {
        try (InputStream in = LivePage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source that allows exactly the page's one inline element of this kind. */
    static String hashOf(String html, String element) {
        String open = "<" + element + ">";
        int start = html.indexOf(open);
        int end = html.indexOf("</" + element + ">", start);
        if (start < 0 || end < 0 || html.indexOf(open, end) >= 0) {
            throw new IllegalStateException(RESOURCE + " must have exactly one <" + element + "> element");
        }
        byte[] content = html.substring(start + open.length(), end).getBytes(StandardCharsets.UTF_8);
        try {
            return "'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content))
                    + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
