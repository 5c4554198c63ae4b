package org.observatory.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium against a running suite with demo data ({@code ./observatory up --demo}): every
 * page loads without console errors, filters live in the URL, charts and maps show what the APIs answer, and an
 * administrator can log in, act and log out. Each page's screenshot is kept in {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final String BASE = System.getProperty("console.url", "http://127.0.0.1:8080");
    static final Path SHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void startChromium() throws IOException {
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        // Debian's Chromium and its driver: Selenium Manager never downloads a browser here.
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    @Order(1)
    void everyPageLoadsWithoutConsoleErrorsOnADesktopAndAPhone() throws IOException {
        List<String> pages = List.of("", "instances", "instances?country=US&sort=url", "instances/1", "instance-stats", "ixps",
                "ixps/1", "ixp-countries", "measurements", firstMeasurement(), "traffic", "admin");
        List<String> problems = new ArrayList<>();
        for (Dimension size : List.of(new Dimension(1280, 1400), new Dimension(390, 844))) {
            driver.manage().window().setSize(size);
            for (String page : pages) {
                open(page);
                driver.manage().logs().get(LogType.BROWSER); // what the page said while loading is read below
                String name = (page.isEmpty() ? "overview" : page.replaceAll("[^A-Za-z0-9]+", "-")) + (size.width < 500 ? "-phone" : "");
                screenshot(name);
                List<WebElement> errors = driver.findElements(By.cssSelector(".state.error"));
                if (!errors.isEmpty()) {
                    problems.add(page + ": " + errors.get(0).getText());
                }
            }
        }
        driver.manage().window().setSize(new Dimension(1280, 1400));
        assertEquals(List.of(), problems);
    }

    @Test
    @Order(2)
    void aFilterNarrowsTheInstanceListAndTheUrlKeepsIt() {
        open("instances");
        long all = shownTotal();
        WebElement country = driver.findElement(By.id("f-country"));
        country.clear();
        country.sendKeys("US");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("country=US"));
        waitReady();
        long us = shownTotal();
        assertTrue(us > 0 && us < all, "US instances " + us + " of " + all);
        for (WebElement cell : driver.findElements(By.cssSelector("#results td[data-label=Country]"))) {
            assertTrue(cell.getText().contains("(US)"), cell.getText());
        }
        driver.navigate().refresh();
        waitReady();
        assertEquals("US", driver.findElement(By.id("f-country")).getAttribute("value"));
        assertEquals(us, shownTotal());
        assertEquals(us, count(api("/registry/instances?country=US&limit=1"), "\"total\":(\\d+)"));
    }

    @Test
    @Order(3)
    void aChartHasAsManyPointsAsTheApiReturns() {
        open("instance-stats");
        String days = api("/registry/stats/registrations");
        long apiPoints = Pattern.compile("\"day\"").matcher(days).results().count();
        int drawn = driver.findElements(By.cssSelector("figure[data-chart=registrations] .point")).size();
        assertTrue(apiPoints > 0);
        assertEquals(apiPoints, drawn);
        screenshot("chart-registrations");
    }

    @Test
    @Order(4)
    void theMapColoursTheCountriesTheApiLists() {
        open("instance-stats");
        wait.until(d -> "true".equals(d.findElement(By.cssSelector("figure[data-chart=countries]")).getDomAttribute("data-ready")));
        Set<String> coloured = driver.findElements(By.cssSelector("figure[data-chart=countries] path.has-data")).stream()
                .map(e -> e.getDomAttribute("data-country")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("\"countryCode\":\"([A-Z]{2})\"").matcher(api("/registry/stats/countries"));
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertFalse(listed.isEmpty());
        assertEquals(listed, coloured);
    }

    @Test
    @Order(5)
    void loginReachesAnAdminActionAndLogoutLeavesIt() {
        open("admin");
        driver.findElement(By.cssSelector("main button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("admin");
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains("/console/admin"));
        waitReady();
        WebElement refresh = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#admin-actions button[data-path='/logs/rollups/refresh']")));
        screenshot("admin-logged-in");
        refresh.click();
        wait.until(ExpectedConditions.textMatches(By.id("admin-result"), Pattern.compile("done|failed")));
        assertTrue(driver.findElement(By.id("admin-result")).getText().contains("done"), driver.findElement(By.id("admin-result")).getText());

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
        open("admin");
        assertTrue(driver.findElements(By.id("admin-actions")).isEmpty());
        assertTrue(driver.findElements(By.id("logout")).isEmpty());
        screenshot("admin-logged-out");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    static void open(String page) {
        driver.get(BASE + "/console/" + page);
        waitReady();
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, "console errors on /console/" + page);
    }

    static void waitReady() {
        wait.until(d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-page"))
                && d.findElements(By.cssSelector("main .loading")).isEmpty());
    }

    static long shownTotal() {
        String status = driver.findElement(By.cssSelector("#results .pager [role=status]")).getText();
        return Long.parseLong(status.replaceAll(".* of ", "").replace(",", "").trim());
    }

    static String firstMeasurement() {
        Matcher m = Pattern.compile("\"metadata-key\"\\s*:\\s*\"([0-9A-Fa-f]+)\"").matcher(api("/esmond/perfsonar/archive/?limit=1"));
        return m.find() ? "measurements/" + m.group(1) : "measurements";
    }

    static String api(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(path, e);
        }
    }

    static long count(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static void screenshot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
