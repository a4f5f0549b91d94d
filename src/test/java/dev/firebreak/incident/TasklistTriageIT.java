package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.platform.Browser;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 11's triage in a real Chromium: signed in once on Firebreak's form, the responder opens
 * Camunda Tasklist, finds the Triage task by its name ({@code [SEV1] INC-… Triage incident — <title>}),
 * claims it, fills the Camunda Form (rendered by form-js: found by the fields' labels, as a person
 * reads them) and completes it; the API then shows the incident investigating, acknowledged, with
 * the commander chosen and the completion on the timeline. Screenshot: target/tasklist-triage.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=100",
    "camunda.bpm.job-execution.max-wait=500"})
@DirtiesContext
class TasklistTriageIT {

  static final Duration SLOW = Duration.ofSeconds(60);

  /** The form-js field whose label reads so (without the required mark). */
  static final String FIELD = "function field(label) { var fields = document.querySelectorAll('.fjs-form-field');"
      + " for (var i = 0; i < fields.length; i++) { var l = fields[i].querySelector('label');"
      + " if (l && l.textContent.replace('*', '').trim() === label) { return fields[i]; } } return null; }";

  @LocalServerPort
  int port;
  LifecycleClient client;
  final AtomicInteger marks = new AtomicInteger();

  @BeforeEach
  void client() {
    client = new LifecycleClient(port);
  }

  @Test
  void theResponderTriagesInTasklistAndTheIncidentMovesOn() throws Exception {
    String title = "Checkout fails for everyone";
    var declared = client.post("responder", "/api/incidents", Map.of("title", title, "service", "payments",
        "incidentType", "outage", "impactScope", "all-users"));
    assertThat(declared.status()).as("declared: %s", declared.body()).isEqualTo(201);
    String key = declared.body().path("incident").path("key").asText();
    client.awaitTask("responder", key, "TriageIncident");
    String taskName = "[SEV1] " + key + " Triage incident — " + title;

    try (Browser browser = Browser.open(1400, 1400)) {
      try {
        triageInTasklist(browser, key, taskName);
      } catch (AssertionError | RuntimeException e) {
        browser.screenshot("tasklist-triage-failed.png");
        throw e;
      }
    }

    JsonNode view = client.awaitIncident("responder", key, "investigating");
    JsonNode incident = view.path("incident");
    assertThat(incident.path("commander").asText()).isEqualTo("manager");
    assertThat(incident.path("acknowledgedAt").isNull() || incident.path("acknowledgedAt").isMissingNode()).isFalse();
    assertThat(view.path("timeline").findValuesAsText("summary"))
        .anyMatch(s -> s.contains("Triage incident — completed by responder"));
  }

  private void triageInTasklist(Browser browser, String key, String taskName) throws Exception {
    {
      browser.go(base() + "/login");
      browser.signIn("responder", LifecycleClient.PASSWORD);
      browser.await(SLOW, "signed in", () -> !browser.url().contains("/login"));
      browser.go(base() + "/camunda/app/tasklist/default/");
      browser.await(SLOW, "Tasklist shows its filters", () -> browser.script(
          "return document.body.innerText.indexOf('All open incident tasks') >= 0;").asBoolean());
      assertThat(browser.url()).doesNotContain("/login");

      // the task by its name, in the list
      String filter = awaitMark(browser, "the 'All open incident tasks' filter", "var links = document.querySelectorAll("
          + "'.task-filters a, .task-filter a, [cam-tasklist-filters] a');"
          + " for (var i = 0; i < links.length; i++) { if (links[i].textContent.indexOf('All open incident tasks') >= 0) return links[i]; }"
          + " return null;");
      click(browser, filter);
      String task = awaitMark(browser, taskName + " in the list", "var links = document.querySelectorAll("
          + "'.tasks-list .task a, .tasks-list h4 a');"
          + " for (var i = 0; i < links.length; i++) { if (links[i].textContent.trim() === arguments[0]) return links[i]; }"
          + " return null;", taskName);
      click(browser, task);
      browser.await(SLOW, "the task opens", () -> browser.script(
          "var h = document.querySelector('.task-details h2, [cam-tasklist-task] h2');"
          + " return h !== null && h.textContent.indexOf(arguments[0]) >= 0;", key).asBoolean());

      // claim, then the form becomes editable
      click(browser, awaitMark(browser, "the Claim button", "return document.querySelector('button.claim');"));
      browser.await(SLOW, "claimed by responder", () -> browser.script(
          "return document.querySelector('button.claim') === null;").asBoolean());
      String acknowledge = awaitMark(browser, "the triage form", FIELD + " var f = field('Is it real?'); if (!f) return null;"
          + " var labels = f.querySelectorAll('label'); for (var i = 0; i < labels.length; i++) {"
          + " if (labels[i].textContent.trim() === 'Acknowledge — it is real') return labels[i].querySelector('input')"
          + " || document.getElementById(labels[i].htmlFor); } return null;");
      browser.await(SLOW, "the form is enabled", () -> browser.script(
          "var e = document.querySelector(arguments[0]); return e !== null && !e.disabled;",
          acknowledge).asBoolean());
      click(browser, acknowledge);
      radio(browser, "Who is affected?", "All users");
      select(browser, "Type", "Outage");
      select(browser, "Complexity", "Medium");
      String commander = awaitMark(browser, "the commander field", FIELD
          + " var f = field('Incident commander'); return f ? f.querySelector('input') : null;");
      browser.type(commander, "manager");
      assertThat(browser.script(FIELD + " return field('Severity').querySelector('input').value;").asText())
          .as("the form shows the incident").isEqualTo("SEV1");
      assertThat(browser.script(FIELD + " return field('Incident').querySelector('input').value;").asText()).isEqualTo(key);
      browser.screenshot("tasklist-triage.png");

      click(browser, awaitMark(browser, "the Complete button", "var b = document.querySelectorAll('button');"
          + " for (var i = 0; i < b.length; i++) { if (b[i].getAttribute('ng-click') === 'complete()'"
          + " && !b[i].disabled) return b[i]; } return null;"));
      browser.await(SLOW, "the task leaves the list", () -> browser.script("var links = document.querySelectorAll("
          + "'.tasks-list .task a, .tasks-list h4 a'); for (var i = 0; i < links.length; i++) {"
          + " if (links[i].textContent.trim() === arguments[0]) return false; } return true;", taskName).asBoolean());
      browser.screenshot("tasklist-triage-completed.png");
    }
  }

  private void radio(Browser browser, String label, String option) throws InterruptedException {
    String input = awaitMark(browser, label + " " + option, FIELD + " var f = field(arguments[0]); if (!f) return null;"
        + " var labels = f.querySelectorAll('label'); for (var i = 0; i < labels.length; i++) {"
        + " if (labels[i].textContent.trim() === arguments[1]) return labels[i].querySelector('input')"
        + " || document.getElementById(labels[i].htmlFor); } return null;", label, option);
    click(browser, input);
  }

  /** A form-js select: open its list (mouse down on the shown value), then pick the option. */
  private void select(Browser browser, String label, String option) throws InterruptedException {
    if (browser.script(FIELD + " var f = field(arguments[0]); var d = f && f.querySelector('.fjs-select-display');"
        + " return d !== null && d.textContent.trim() === arguments[1];", label, option).asBoolean()) {
      return;
    }
    click(browser, awaitMark(browser, label, FIELD + " var f = field(arguments[0]);"
        + " return f ? f.querySelector('.fjs-select-display, .fjs-input-group') : null;", label));
    click(browser, awaitMark(browser, label + " " + option, FIELD + " var f = field(arguments[0]); if (!f) return null;"
        + " var items = f.querySelectorAll('.fjs-dropdownlist-item'); for (var i = 0; i < items.length; i++) {"
        + " if (items[i].textContent.trim() === arguments[1]) return items[i]; } return null;", label, option));
    browser.await(SLOW, label + " shows " + option, () -> browser.script(FIELD + " var f = field(arguments[0]);"
        + " var d = f && f.querySelector('.fjs-select-display'); return d !== null && d.textContent.trim() === arguments[1];",
        label, option).asBoolean());
  }

  /**
   * Waits until the function body (run in the page) answers an element, tags it and returns a CSS
   * selector for it.
   */
  private String awaitMark(Browser browser, String what, String find, Object... args) throws InterruptedException {
    String mark = "m" + marks.incrementAndGet();
    String body = "var e = (function () { " + find + " }).apply(null, arguments);"
        + " if (!e) return false; e.setAttribute('data-e2e', '" + mark + "'); return true;";
    browser.await(SLOW, what, () -> browser.script(body, args).asBoolean());
    return "[data-e2e='" + mark + "']";
  }

  /** Scrolls the element to the middle of the window (clear of Tasklist's fixed footer) and clicks it. */
  private static void click(Browser browser, String selector) {
    browser.script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'}); return true;", selector);
    browser.click(selector);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
