package io.integrityagent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page as a developer sees it: the demo with the packaged agent and {@code ui=true}, its page in headless
 * Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs). Each of the
 * demo's violations must be in its group with its count, explanation and call sites, newest group first; the
 * kind and text filters must narrow the list; a violation the demo causes later must appear without a reload;
 * and a value that is HTML must show as text and never run.
 */
class LivePageIT {

    private static final Path AGENT_JAR = Paths.get(System.getProperty("it.agentJar"));
    private static final Path DEMO_JAR = Paths.get(System.getProperty("it.demoJar"));
    private static final Path CHROMIUM = Paths.get(System.getProperty("it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Paths.get(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOT = Paths.get(System.getProperty("it.screenshot", "target/live-page.png"));
    /** Waits for the page to catch up; generous, since only a broken page ever waits this long. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    /** Every password the demo sends: masked, none may reach the page. */
    private static final List<String> PASSWORDS = List.of("s3cret-ada", "s3cret-grace", "hunter2", "no-name-pw",
            "tims-pw", "linus-pw", "ada-again-pw", "barbara-pw", "new-user-pw");

    /** A group as a person reads it off the page, and the demo methods its violations came from. */
    private record Expected(String title, String where, int count, List<String> methods) {
    }

    /** Newest first: the demo's scenarios run in order 1 to 7, and a group moves up with its latest violation. */
    private static final List<Expected> DEMO_GROUPS = List.of(
            new Expected("UQ_USERS_EMAIL", "on USERS (EMAIL)", 3,
                    List.of("registerDuplicateEmail", "importUsersInBatch", "changeEmailWithLiteralSql")),
            new Expected("CK_USERS_AGE", "on USERS", 1, List.of("registerUnderageUser")),
            new Expected("unnamed not null constraint", "on USERS (NAME)", 1, List.of("registerUserWithoutName")),
            new Expected("FK_ORDERS_CUSTOMER", "on CUSTOMERS (ID)", 1, List.of("deleteCustomerWithOrders")),
            new Expected("FK_ORDERS_CUSTOMER", "on ORDERS (CUSTOMER_ID)", 1, List.of("placeOrderForMissingCustomer")));

    private final ObjectMapper json = new ObjectMapper();
    private Process demo;
    private ChromeDriver browser;

    @AfterEach
    void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly();
        }
    }

    @Test
    void aDeveloperSeesEachViolationGroupFiltersThemAndWatchesANewOneArriveAsText(@TempDir Path temp)
            throws Exception {
        requireChromium();
        Path events = temp.resolve("events.jsonl");
        int port = freePort();
        demo = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AGENT_JAR.toAbsolutePath() + "=ui=true,prometheus.port=" + port
                        + ",events.file=" + events,
                "-jar", DEMO_JAR.toAbsolutePath().toString(), "--metrics", "http://127.0.0.1:" + port + "/metrics",
                "--sign-ups").redirectErrorStream(true).start();
        DemoOutput output = new DemoOutput(demo);
        output.awaitLine("Reading e-mail addresses from standard input");
        List<JsonNode> demoEvents = readEvents(events);
        assertEquals(7, demoEvents.size(), output.text());

        browser = startChromium(temp.resolve("chromium-profile"));
        browser.get("http://127.0.0.1:" + port + "/");
        awaitGroups(DEMO_GROUPS.size());

        List<Map<String, Object>> groups = groupsShown();
        for (int i = 0; i < DEMO_GROUPS.size(); i++) {
            Expected expected = DEMO_GROUPS.get(i);
            Map<String, Object> group = groups.get(i);
            assertEquals(expected.title(), group.get("title"), "group " + i + ": " + group);
            assertEquals(expected.where(), group.get("where"), group.toString());
            assertEquals(String.valueOf(expected.count()), group.get("count"), group.toString());
            JsonNode newest = newestEventFrom(demoEvents, expected.methods());
            assertEquals(newest.get("explanation").asText(), group.get("explanation"), group.toString());
            assertEquals(newest.get("remedy").asText(), group.get("remedy"), group.toString());
            Map<String, String> callSites = callSites(group);
            assertEquals(expected.methods().size(), callSites.size(), group.toString());
            for (String method : expected.methods()) {
                assertEquals("1", countOfCallSite(callSites, method), method + " in " + group);
            }
        }

        ((JavascriptExecutor) browser).executeScript(
                "window.stillTheSamePage = true; window.alert = function () { window.alerted = true; };");
        click("#kinds .chip[data-kind='check']");
        assertEquals(List.of("CK_USERS_AGE"), visibleTitles());
        click("#kinds .chip[data-kind='foreign_key']");
        assertEquals(List.of("FK_ORDERS_CUSTOMER", "FK_ORDERS_CUSTOMER"), visibleTitles());
        search("deletecustomer");
        assertEquals(List.of("FK_ORDERS_CUSTOMER"), visibleTitles());
        assertEquals("on CUSTOMERS (ID)", groupsShown().get(0).get("where"));
        click("#kinds .chip[data-kind='all']");
        search("tim@example");
        assertEquals(List.of("CK_USERS_AGE"), visibleTitles());
        search("");
        assertEquals(DEMO_GROUPS.size(), groupsShown().size());

        output.send(HOSTILE);
        output.awaitLine("the application caught: ");
        Map<String, Object> unique = awaitGroup("UQ_USERS_EMAIL", "4");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage"),
                "the page was reloaded");
        assertEquals(DEMO_GROUPS.size(), groupsShown().size());
        assertEquals("UQ_USERS_EMAIL", groupsShown().get(0).get("title"), "the newest group first");
        assertEquals("1", countOfCallSite(callSites(unique), "signUp"), unique.toString());
        String sample = (String) unique.get("newestSample");
        assertTrue(sample.contains("EMAIL = '" + HOSTILE + "'"), sample);
        assertTrue(sample.contains("[3] '" + HOSTILE + "', [4] 30, [5] ****"), sample);
        assertTrue(((String) unique.get("explanation")).contains("EMAIL = '" + HOSTILE + "' already exists"),
                unique.toString());
        assertTrue(browser.findElements(By.tagName("img")).isEmpty(), "the value became an element");
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.alerted || null"));
        assertNoAlert();

        // All of the page, the collapsed older samples included.
        String page = (String) ((JavascriptExecutor) browser).executeScript("return document.body.textContent");
        for (String password : PASSWORDS) {
            assertFalse(page.contains(password), password + " reached the page");
        }
        saveScreenshot();

        output.closeInput();
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS), output.text());
        assertEquals(0, demo.exitValue(), output.text());
        assertEquals(8, Files.readAllLines(events).size(), "events");
    }

    /** Skips only on a developer's machine without Chromium; in CI a missing browser fails. */
    private static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI must have " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian's chromium and chromium-driver, which .ci/run installs)");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " or " + CHROMEDRIVER + ": apt-get install chromium"
                + " chromium-driver to run the live page test");
    }

    private static ChromeDriver startChromium(Path profile) throws IOException {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1500", "--force-device-scale-factor=1");
        // An alert the page might raise must stay open for the test to see, not be dismissed by the driver.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void awaitGroups(int count) {
        new WebDriverWait(browser, PATIENCE).until(driver -> groupsShown().size() == count);
    }

    private Map<String, Object> awaitGroup(String title, String count) {
        return new WebDriverWait(browser, PATIENCE).until(driver -> groupsShown().stream()
                .filter(group -> title.equals(group.get("title")) && count.equals(group.get("count")))
                .findFirst().orElse(null));
    }

    /**
     * The groups the page shows, top to bottom, read in one script so that a refresh cannot land in between:
     * title, where, count, explanation, remedy, call sites (name → count) and the newest sample, each as
     * rendered ({@code innerText}: what a person sees).
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> groupsShown() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript(
                "const text = (group, selector) => {"
                + "  const node = group.querySelector(selector); return node ? node.innerText.trim() : null; };"
                + "return [...document.querySelectorAll('#groups > .group')].filter(group => !group.hidden)"
                + "  .map(group => ({ title: text(group, '.constraint'), where: text(group, '.where'),"
                + "    count: text(group, '.count-value'), explanation: text(group, '.explanation'),"
                + "    remedy: text(group, '.remedy-text'), newestSample: text(group, '.sample'),"
                + "    callSites: [...group.querySelectorAll('tr.callsite')].map(row =>"
                + "      [text(row, '.callsite-name'), text(row, '.callsite-count')]) }));");
    }

    private List<String> visibleTitles() {
        return groupsShown().stream().map(group -> (String) group.get("title")).collect(Collectors.toList());
    }

    /** Clicks like a person; a chip rebuilt by a refresh between finding and clicking it is found again. */
    private void click(String selector) {
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(By.cssSelector(selector)).click();
            return true;
        });
    }

    private void search(String text) {
        WebElement search = browser.findElement(By.id("search"));
        search.clear();
        if (!text.isEmpty()) {
            search.sendKeys(text);
        } else {
            // clear() fires no input event; the page filters on input.
            ((JavascriptExecutor) browser).executeScript(
                    "arguments[0].dispatchEvent(new Event('input'))", search);
        }
    }

    /** Call site → count, as the group's table shows them. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> callSites(Map<String, Object> group) {
        Map<String, String> sites = new LinkedHashMap<>();
        for (Object row : (List<Object>) group.get("callSites")) {
            List<String> cells = (List<String>) row;
            sites.put(cells.get(0), cells.get(1));
        }
        return sites;
    }

    private static String countOfCallSite(Map<String, String> callSites, String method) {
        String prefix = "io.integrityagent.demo.ViolationScenarios." + method + "(ViolationScenarios.java:";
        return callSites.entrySet().stream().filter(site -> site.getKey().startsWith(prefix))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private void assertNoAlert() {
        try {
            String alert = browser.switchTo().alert().getText();
            fail("the page raised an alert: " + alert);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    /** The page as it settles: after the highlight of the group that just changed has faded. */
    private void saveScreenshot() throws IOException {
        new WebDriverWait(browser, PATIENCE).until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript("return document.getAnimations().length === 0")));
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        Path target = SCREENSHOT.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
    }

    private List<JsonNode> readEvents(Path events) throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            parsed.add(json.readTree(line));
        }
        return parsed;
    }

    /** The newest of the events whose call site is one of these demo methods. */
    private static JsonNode newestEventFrom(List<JsonNode> events, List<String> methods) {
        JsonNode newest = null;
        for (JsonNode event : events) {
            String callSite = event.get("callSite").asText();
            if (methods.stream().anyMatch(method -> callSite.contains("." + method + "("))) {
                newest = event;
            }
        }
        return newest;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The demo's stdout and stderr, read as they come, and its standard input. */
    private static final class DemoOutput {
        private final List<String> lines = new ArrayList<>();
        private final OutputStream input;
        private int read;

        DemoOutput(Process process) {
            input = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        synchronized (this) {
                            lines.add(line);
                            notifyAll();
                        }
                    }
                } catch (IOException ended) {
                    // the demo is gone; the test fails on what it did not print
                }
            }, "demo-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for the next line, after those already awaited, that contains {@code text}. */
        synchronized void awaitLine(String text) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                for (; read < lines.size(); read++) {
                    if (lines.get(read).contains(text)) {
                        read++;
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("the demo never printed '" + text + "':\n" + String.join("\n", lines));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        void send(String line) throws IOException {
            input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        }

        void closeInput() throws IOException {
            input.close();
        }

        synchronized String text() {
            return String.join("\n", lines);
        }
    }
}
