package dev.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Chromium driven through chromedriver's W3C WebDriver protocol (plain HTTP, no Selenium):
 * open pages, type, click, run a line of JavaScript, take screenshots. Without the Debian packages
 * 'chromium' and 'chromium-driver' the test is skipped — under CI=true it fails instead.
 */
public final class Browser implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CHROMIUM = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium",
      "/usr/bin/chromium-browser");
  private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  private final Process driver;
  private final String base;
  private final String session;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Browser(Process driver, String base, String session) {
    this.driver = driver;
    this.base = base;
    this.session = session;
  }

  /** A fresh headless Chromium (own profile, no cookies) with the given window size. */
  public static Browser open(int width, int height) throws Exception {
    String chromium = executable(CHROMIUM, "chromium");
    String chromedriver = executable(DRIVER, "chromium-driver");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process driver = new ProcessBuilder(chromedriver, "--port=" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String base = "http://127.0.0.1:" + port;
    HttpClient probe = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        if (probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // chromedriver still starting
      }
      if (System.nanoTime() > deadline) {
        driver.destroyForcibly();
        throw new AssertionError("chromedriver did not start on " + base);
      }
      Thread.sleep(100);
    }
    Path profile = Files.createTempDirectory("chromium-profile");
    Map<String, Object> options = Map.of("binary", chromium, "args", List.of("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--lang=en-US", "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile));
    JsonNode created = send(HttpClient.newHttpClient(), "POST", base + "/session",
        Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
    String session = created.path("value").path("sessionId").asText();
    assertThat(session).as("WebDriver session: %s", created).isNotBlank();
    Browser browser = new Browser(driver, base, session);
    browser.command("POST", "/window/rect", Map.of("width", width, "height", height));
    return browser;
  }

  private static String executable(List<String> candidates, String debianPackage) {
    String found = candidates.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
    if (found == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(candidates + " missing: install the Debian package '" + debianPackage + "'");
      }
      Assumptions.abort("Not installed (Debian package '" + debianPackage + "')");
    }
    return found;
  }

  public void go(String url) {
    command("POST", "/url", Map.of("url", url));
  }

  public String url() {
    return command("GET", "/url", null).asText();
  }

  /** Runs a function body in the page ({@code return ...}) and answers its JSON result. */
  public JsonNode script(String body, Object... args) {
    return command("POST", "/execute/sync", Map.of("script", body, "args", List.of(args)));
  }

  public String text(String cssSelector) {
    return script("var e = document.querySelector(arguments[0]); return e ? e.innerText : null;", cssSelector).asText(null);
  }

  public void type(String cssSelector, String text) {
    command("POST", "/element/" + element(cssSelector) + "/value", Map.of("text", text));
  }

  public void click(String cssSelector) {
    command("POST", "/element/" + element(cssSelector) + "/click", Map.of());
  }

  /** Fills Firebreak's sign-in form and sends it (the browser is on /login). */
  public void signIn(String user, String password) {
    type("#username", user);
    type("#password", password);
    click("#sign-in");
  }

  public void resize(int width, int height) {
    command("POST", "/window/rect", Map.of("width", width, "height", height));
  }

  public Path screenshot(String name) throws IOException {
    Path file = Path.of("target", name).toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(command("GET", "/screenshot", null).asText()));
    assertThat(Files.size(file)).as(name).isGreaterThan(1000);
    return file;
  }

  /** Waits until the condition holds (checked every 100 ms), failing with the message after the timeout. */
  public void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + timeout + ": " + what + " (at " + url() + ")");
      }
      Thread.sleep(100);
    }
  }

  private String element(String cssSelector) {
    JsonNode found = command("POST", "/element", Map.of("using", "css selector", "value", cssSelector));
    return found.elements().next().asText();
  }

  private JsonNode command(String method, String path, Object body) {
    try {
      return send(http, method, base + "/session/" + session + path, body).path("value");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode send(HttpClient http, String method, String url, Object body)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").method(method, publisher).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    if (response.statusCode() >= 400) {
      throw new AssertionError("WebDriver " + method + " " + url + " → " + response.statusCode() + ": " + json);
    }
    return json;
  }

  @Override
  public void close() {
    try {
      send(http, "DELETE", base + "/session/" + session, null);
    } catch (Exception | AssertionError ignored) {
      // the driver goes anyway
    } finally {
      driver.destroy();
    }
  }
}
