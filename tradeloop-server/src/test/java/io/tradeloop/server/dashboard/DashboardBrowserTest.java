package io.tradeloop.server.dashboard;

import io.tradeloop.core.SharedData;
import io.tradeloop.server.Server;
import io.tradeloop.server.ServerConfig;
import io.tradeloop.server.brain.SmallDirectionalBundle;
import io.tradeloop.server.http.TestServer;
import io.tradeloop.server.store.DatabaseConfig;
import io.tradeloop.server.json.Json;
import io.tradeloop.server.market.TestMarkets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard end to end in headless Debian chromium: sign in with a key, start an agent, watch
 * decisions arrive, pause, change settings, resume, stop. Screenshots go to target/screenshots.
 * Skipped when /usr/bin/chromium or /usr/bin/chromedriver is missing (apt-get install chromium chromium-driver).
 */
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    @Test
    void signInStartWatchPauseConfigureResumeStop() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: headless browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        Files.createDirectories(SHOTS);
        Path tmp = Files.createTempDirectory("tradeloop-browser");
        Path data = SharedData.file("funding/cross_exchange_8h.csv").orElse(null);
        if (data == null) {
            data = TestMarkets.writeCsv(tmp.resolve("funding.csv"), 31, 1500);
        }
        try (var ts = new TestServer(Map.of(), data)) {
            String key = ts.server.createUser("demo").apiKey();
            // 20 market steps per second: decisions arrive visibly, the year of data outlasts the test
            var created = ts.post("/agents", key, "{\"name\":\"carry demo\",\"speed\":576000,\"entry_apr_pct\":10,\"exit_apr_pct\":2}");
            assertThat(created.statusCode()).isEqualTo(201);
            long agentId = Json.mapper().readTree(created.body()).get("agent_id").asLong();

            WebDriver driver = newDriver(tmp);
            try {
                // The decision log re-renders as events arrive: an element found a moment ago may be replaced.
                var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                driver.get(ts.server.url());
                wait.until(d -> d.findElement(By.cssSelector("[data-testid=api-key]")).isDisplayed());
                shot(driver, "01-login");

                // a wrong key is refused on the page
                driver.findElement(By.cssSelector("[data-testid=api-key]")).sendKeys("tl_nope");
                driver.findElement(By.cssSelector("[data-testid=login]")).click();
                wait.until(d -> d.findElement(By.id("login-error")).isDisplayed());
                assertThat(driver.findElement(By.id("login-error")).getText()).contains("not valid");

                var field = driver.findElement(By.cssSelector("[data-testid=api-key]"));
                field.clear();
                field.sendKeys(key);
                driver.findElement(By.cssSelector("[data-testid=login]")).click();
                wait.until(d -> text(d, "state").equals("STOPPED"));
                assertThat(driver.findElement(By.cssSelector("[data-testid=agent-select]")).getText()).contains("carry demo");
                // the brain chooser offers what GET /brains lists; a funding brain has no asset chooser
                assertThat(driver.findElement(By.cssSelector("[data-testid=brain-select]")).getText()).contains("greedy-carry")
                        .doesNotContain("directional-stack");
                assertThat(driver.findElement(By.cssSelector("[data-testid=asset-select]")).isDisplayed()).isFalse();
                wait.until(d -> text(d, "connection").equals("live"));

                click(driver, "start");
                wait.until(d -> text(d, "state").equals("RUNNING"));
                assertThat(driver.findElement(By.cssSelector("[data-testid=slider-leverage]")).isEnabled()).as("settings lock while running").isFalse();
                assertThat(driver.findElement(By.cssSelector("[data-testid=config-locked]")).isDisplayed()).isTrue();
                wait.until(d -> d.findElements(By.cssSelector("[data-testid=decisions] li")).size() >= 40);
                wait.until(d -> !d.findElements(By.cssSelector(".act.ENTER")).isEmpty());
                long before = Long.parseLong(text(driver, "predictions").replace(",", ""));
                Thread.sleep(1500); // let the charts refresh
                shot(driver, "02-running");
                assertThat(Long.parseLong(text(driver, "predictions").replace(",", ""))).as("decisions keep arriving").isGreaterThan(before);

                click(driver, "pause");
                wait.until(d -> text(d, "state").equals("PAUSED"));
                // expand one decision to show votes, gates and risk
                ((JavascriptExecutor) driver).executeScript("document.querySelector('.act.ENTER').closest('li').click()");
                wait.until(d -> d.findElement(By.cssSelector(".decision.open .d-detail")).isDisplayed());
                assertThat(wait.<String>until(d -> d.findElement(By.cssSelector(".decision.open .d-detail")).getText())).containsIgnoringCase("votes")
                        .containsIgnoringCase("gates").contains("APPROVED");

                wait.until(d -> d.findElement(By.cssSelector("[data-testid=slider-leverage]")).isEnabled());
                String largeBefore = text(driver, "preview-large");
                setRange(driver, "target_utilization", "0.9");
                setRange(driver, "max_leverage", "5");
                setRange(driver, "max_positions", "2");
                assertThat(text(driver, "preview-large")).as("the size preview follows the sliders").isNotEqualTo(largeBefore);
                click(driver, "save-config");
                wait.until(d -> text(d, "config-msg").equals("Saved."));
                shot(driver, "03-paused-configured");
                var status = Json.mapper().readTree(ts.get("/agent/status?agent_id=" + agentId, key).body());
                assertThat(status.at("/config/max_leverage").asDouble()).isEqualTo(5.0);
                assertThat(status.at("/config/target_utilization").asDouble()).isEqualTo(0.9);
                assertThat(status.at("/config/max_positions").asInt()).isEqualTo(2);

                click(driver, "resume");
                wait.until(d -> text(d, "state").equals("RUNNING"));
                long resumedAt = Long.parseLong(text(driver, "predictions").replace(",", ""));
                wait.until(d -> Long.parseLong(text(d, "predictions").replace(",", "")) > resumedAt + 20);

                click(driver, "stop");
                wait.until(d -> text(d, "state").equals("STOPPED"));
                assertThat(driver.findElement(By.cssSelector("[data-testid=slider-leverage]")).isEnabled()).isTrue();
                Thread.sleep(500);
                shot(driver, "04-stopped");

                // a refused request is shown in the error banner with the field and its allowed range
                ((JavascriptExecutor) driver).executeScript("withLoading(document.getElementById('save-config'),"
                        + " () => api('PUT', '/agent/config?agent_id=" + agentId + "', {max_leverage: 42}))");
                wait.until(d -> d.findElement(By.cssSelector("[data-testid=error-banner]")).isDisplayed());
                assertThat(text(driver, "error-banner")).contains("max_leverage").contains("[1.0, 10.0]");
                shot(driver, "05-error-shown");

                List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                        // the two refusals this test provokes on purpose (wrong key, out-of-range leverage)
                        .filter(e -> !e.getMessage().contains("/me - Failed to load resource: the server responded with a status of 401"))
                        .filter(e -> !e.getMessage().contains("/agent/config?agent_id=" + agentId + " - Failed to load resource: the server responded with a status of 400"))
                        .toList();
                assertThat(severe).as("browser console errors (CSP violations, script errors)").isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void aDirectionalAgentShowsItsAssetVotesGatesAndPrice() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: headless browser test needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        var bundle = SmallDirectionalBundle.get();
        Assumptions.assumeTrue(bundle.isPresent(), SharedData.ABSENT);
        Files.createDirectories(SHOTS);
        Path tmp = Files.createTempDirectory("tradeloop-browser");
        var cfg = ServerConfig.defaults(tmp, 0).withDatabase(DatabaseConfig.h2Memory("dir" + java.util.UUID.randomUUID().toString().replace("-", "")))
                .withFundingFile(TestMarkets.writeCsv(tmp.resolve("funding.csv"), 3, 100)).withDirectionalModel(bundle.get())
                .withOhlcvFiles(Map.of("BTC", SmallDirectionalBundle.btcFile().orElseThrow()));
        try (var ts = TestServer.wrap(Server.start(cfg))) {
            String key = ts.server.createUser("dora").apiKey();
            // 25 bars per second
            var created = ts.post("/agents", key, "{\"name\":\"btc stack\",\"brain\":\"directional-stack\",\"asset\":\"BTC\",\"speed\":576000}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            WebDriver driver = newDriver(tmp);
            try {
                var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                driver.get(ts.server.url());
                wait.until(d -> d.findElement(By.cssSelector("[data-testid=api-key]")).isDisplayed());
                driver.findElement(By.cssSelector("[data-testid=api-key]")).sendKeys(key);
                driver.findElement(By.cssSelector("[data-testid=login]")).click();
                wait.until(d -> text(d, "state").equals("STOPPED"));
                var brain = new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("[data-testid=brain-select]")));
                assertThat(brain.getFirstSelectedOption().getAttribute("value")).isEqualTo("directional-stack");
                assertThat(driver.findElement(By.cssSelector("[data-testid=asset-select]")).isDisplayed()).isTrue();
                assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("[data-testid=asset-select]")))
                        .getFirstSelectedOption().getText()).isEqualTo("BTC");
                assertThat(driver.findElement(By.cssSelector("[data-testid=size-preview]")).isDisplayed()).as("funding entry sizes do not apply").isFalse();

                click(driver, "start");
                wait.until(d -> text(d, "state").equals("RUNNING"));
                wait.until(d -> d.findElements(By.cssSelector("[data-testid=decisions] li")).size() >= 30);
                click(driver, "stop");
                wait.until(d -> text(d, "state").equals("STOPPED"));
                // the price chart shows the traded instrument; a decision opens to the stack's votes and gates
                wait.until(d -> d.findElement(By.id("base-select")).getText().equals("BTC"));
                ((JavascriptExecutor) driver).executeScript("document.querySelector('[data-testid=decisions] li').click()");
                String detail = wait.until(d -> d.findElement(By.cssSelector(".decision.open .d-detail")).getText());
                assertThat(detail).contains("gbm").contains("weighted-vote").containsIgnoringCase("gates");
                Thread.sleep(500);
                shot(driver, "06-directional");
                List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertThat(severe).as("browser console errors").isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    static WebDriver newDriver(Path tmp) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1600,1250");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        return new ChromeDriver(service, options);
    }

    static String text(WebDriver d, String testId) {
        return d.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText().trim();
    }

    static void click(WebDriver d, String testId) {
        d.findElement(By.cssSelector("[data-testid=" + testId + "]")).click();
    }

    static void setRange(WebDriver d, String id, String value) {
        ((JavascriptExecutor) d).executeScript("const e=document.getElementById(arguments[0]); e.value=arguments[1];"
                + "e.dispatchEvent(new Event('input',{bubbles:true}));", id, value);
    }

    static void shot(WebDriver d, String name) throws Exception {
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
