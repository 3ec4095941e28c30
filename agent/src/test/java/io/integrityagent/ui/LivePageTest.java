package io.integrityagent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.output.JsonLines;
import io.integrityagent.output.PrometheusEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live page's HTTP side, through real requests to the agent's endpoint on a free port. */
class LivePageTest {

    private static final String TOKEN = "s3cret-token-0123456789";

    private final RecentViolations recent = new RecentViolations(50, 5);
    private PrometheusEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private void serve(String token) throws IOException {
        endpoint = PrometheusEndpoint.start("127.0.0.1", 0, () -> "metrics\n", new LivePage(recent, token));
    }

    @Test
    void servesThePageWithItsSecurityHeaders() throws Exception {
        serve(null);

        Response page = get("/");

        assertEquals(200, page.status, page.text);
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        assertTrue(page.body.startsWith("<!DOCTYPE html>"), page.body);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-store", page.header("Cache-Control"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; script-src 'sha256-"), policy);
        assertTrue(policy.contains("script-src " + sha256Source(between(page.body, "<script>", "</script>")) + ";"),
                policy);
        assertTrue(policy.contains("style-src " + sha256Source(between(page.body, "<style>", "</style>")) + ";"),
                policy);
        assertTrue(policy.contains("connect-src 'self'"), policy);
        assertFalse(page.body.contains("innerHTML"), "the page never parses data as markup");
        assertFalse(page.body.contains("http://") || page.body.contains("https://"), "no external assets");
    }

    @Test
    void servesTheViolationsAsJsonWithEachSampleAsItsEvent() throws Exception {
        ViolationReport report = report("'<img src=x onerror=alert(1)>'");
        recent.record(report);
        serve(null);

        Response violations = get("/violations");

        assertEquals(200, violations.status, violations.text);
        assertEquals("application/json; charset=utf-8", violations.header("Content-Type"));
        assertEquals("no-store", violations.header("Cache-Control"));
        assertEquals("nosniff", violations.header("X-Content-Type-Options"));
        assertTrue(violations.body.contains("\"samples\":[" + JsonLines.encodeShown(report) + "]"), violations.body);
        assertTrue(violations.body.contains("\"callSites\":[{\"callSite\":\"com.example.Users.save(Users.java:7)\","
                + "\"count\":1}]"), violations.body);
    }

    @Test
    void aLineBreakOrBidiControlInAValueReachesThePageAsItsVisibleEscape() throws Exception {
        recent.record(report("'evil\u202e\ngnp.exe'"));
        serve(null);

        JsonNode group = new ObjectMapper().readTree(get("/violations").body).get("groups").get(0);

        assertEquals("'evil\\u202e\\ngnp.exe'", group.get("samples").get(0).get("values").get("EMAIL").asText());
    }

    @Test
    void headGetsTheHeadersWithoutABody() throws Exception {
        serve(null);

        Response head = raw("HEAD / HTTP/1.1", "127.0.0.1");

        assertEquals(200, head.status, head.text);
        assertEquals("text/html; charset=utf-8", head.header("Content-Type"));
        assertEquals("", head.body);
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        serve(null);

        for (String path : List.of("/index.html", "/violations/1", "/..%2fetc/passwd", "/favicon.ico")) {
            Response response = get(path);
            assertEquals(404, response.status, path);
            assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
            assertPlainRefusal(response);
        }
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        serve(null);

        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "TRACE")) {
            Response response = raw(method + " /violations HTTP/1.1", "127.0.0.1");
            assertEquals(405, response.status, method);
            assertEquals("GET, HEAD", response.header("Allow"), method);
            assertPlainRefusal(response);
        }
    }

    @Test
    void aHugeQueryIsRefusedAsTooLong() throws Exception {
        serve(null);

        Response response = raw("GET /violations?q=" + "a".repeat(100_000) + " HTTP/1.1", "127.0.0.1");

        assertEquals(414, response.status, response.text);
        assertPlainRefusal(response);
    }

    @Test
    void aMalformedQueryIsABadRequest() throws Exception {
        serve(null);

        for (String query : List.of("q=%C3%28", "q=%FF", "q=%E2%82", "token=a&token=b")) {
            Response response = raw("GET /violations?" + query + " HTTP/1.1", "127.0.0.1");
            assertEquals(400, response.status, query);
            assertPlainRefusal(response);
        }
    }

    /** Not a URI at all: the JDK's server answers these itself, before any handler, with a fixed line. */
    @Test
    void aQueryThatIsNoURIIsABadRequestWithoutATrace() throws Exception {
        serve(null);

        for (String query : List.of("q=%zz", "q=%", "q=%2", "q=<script>")) {
            Response response = raw("GET /violations?" + query + " HTTP/1.1", "127.0.0.1");
            assertEquals(400, response.status, query);
            assertFalse(response.body.contains("\tat ") || response.body.contains(query), response.body);
        }
    }

    @Test
    void withoutATokenOnlyALoopbackHostNameIsAnswered() throws Exception {
        serve(null);

        for (String host : List.of("127.0.0.1", "localhost:8080", "[::1]:9464", "app.localhost")) {
            assertEquals(200, raw("GET /violations HTTP/1.1", host).status, host);
        }
        for (String host : List.of("evil.example", "127.0.0.1.evil.example", "localhost.evil.example:80", "")) {
            Response response = raw("GET /violations HTTP/1.1", host);
            assertEquals(403, response.status, host);
            assertPlainRefusal(response);
        }
    }

    @Test
    void withATokenAMissingOneIsUnauthorizedAndAWrongOneForbidden() throws Exception {
        serve(TOKEN);

        Response missing = get("/violations");
        assertEquals(401, missing.status, missing.text);
        assertEquals("Bearer realm=\"integrity-agent\"", missing.header("WWW-Authenticate"));
        assertPlainRefusal(missing);

        Response wrong = get("/violations?token=" + TOKEN + "x");
        assertEquals(403, wrong.status, wrong.text);
        assertPlainRefusal(wrong);
        assertEquals(403, raw("GET / HTTP/1.1", "127.0.0.1", "Authorization: Bearer nope").status);
        assertEquals(401, raw("GET / HTTP/1.1", "127.0.0.1", "Authorization: Basic " + TOKEN).status);

        assertEquals(200, get("/?token=" + TOKEN).status);
        assertEquals(200, raw("GET /violations HTTP/1.1", "127.0.0.1", "Authorization: Bearer " + TOKEN).status);
        assertEquals(200, raw("GET /violations?token=" + TOKEN + " HTTP/1.1", "any.host.example").status,
                "with a token the host does not matter");
    }

    @Test
    void theMetricsStayWhereTheyWere() throws Exception {
        serve(TOKEN);

        Response metrics = get("/metrics");

        assertEquals(200, metrics.status);
        assertEquals("metrics\n", metrics.body);
    }

    /** A refusal is one line of text: the status and why, never a stack trace. */
    private static void assertPlainRefusal(Response response) {
        assertEquals("text/plain; charset=utf-8", response.header("Content-Type"), response.text);
        assertTrue(response.body.startsWith(response.status + " "), response.body);
        assertEquals(1, response.body.lines().count(), response.body);
        assertFalse(response.body.contains("Exception") || response.body.contains("\tat "), response.body);
    }

    private static ViolationReport report(String value) {
        return ViolationReport.builder().timestamp(Instant.parse("2026-12-01T10:00:00Z")).kind(ViolationKind.UNIQUE)
                .db("h2database").constraint("UQ_USERS_EMAIL").table("USERS").columns(List.of("EMAIL"))
                .value("EMAIL", value).sql("INSERT INTO users (email) VALUES (?)").parameters(List.of(value))
                .callSite("com.example.Users.save(Users.java:7)").explanation("EMAIL = " + value + " is taken")
                .remedy("Look it up first").build();
    }

    private Response get(String target) throws IOException {
        return raw("GET " + target + " HTTP/1.1", "127.0.0.1");
    }

    /** One request as written, on a connection of its own, and the whole answer. */
    private Response raw(String requestLine, String host, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\n");
            request.append("Host: ").append(host).append("\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new Response(readAll(socket.getInputStream()));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    private static String sha256Source(String content) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    }

    /** An HTTP/1.1 answer: status, headers, body (the endpoint always sends a length, never chunks). */
    private static final class Response {
        final String text;
        final int status;
        final String head;
        final String body;

        Response(String text) {
            this.text = text;
            int end = text.indexOf("\r\n\r\n");
            head = end < 0 ? text : text.substring(0, end);
            body = end < 0 ? "" : text.substring(end + 4);
            status = Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
