package dev.firebreak.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.Browser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 11 in a real Chromium: an incident manager signs in, opens Tasklist's *Start process* for the
 * drill, picks the scenario and two participants from the directory in the start form's taglist (its
 * options written into the served form, platform.web.StartFormOptions) and starts it; the drill runs
 * with exactly the picked people. Screenshot: target/tasklist-drill-start.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TasklistDrillStartIT {

  static final Duration SLOW = Duration.ofSeconds(60);
  static final String FIELD = "function field(label) { var fields = document.querySelectorAll('.fjs-form-field');"
      + " for (var i = 0; i < fields.length; i++) { var l = fields[i].querySelector('label');"
      + " if (l && l.textContent.replace('*', '').trim() === label) { return fields[i]; } } return null; }";

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtime;
  final AtomicInteger marks = new AtomicInteger();

  @Test
  void theManagerPicksTheParticipantsFromTheDirectoryInTheStartForm() throws Exception {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey("drill").count();
    try (Browser browser = Browser.open(1400, 1400)) {
      try {
        startInTasklist(browser);
      } catch (AssertionError | RuntimeException e) {
        browser.screenshot("tasklist-drill-start-failed.png");
        throw e;
      }
    }
    List<ProcessInstance> drills = runtime.createProcessInstanceQuery().processDefinitionKey("drill")
        .orderByProcessInstanceId().desc().list();
    assertThat(drills).hasSize((int) before + 1);
    ProcessInstance drill = drills.stream().filter(p -> runtime.getVariable(p.getId(), "participantIds") != null)
        .findFirst().orElseThrow();
    assertThat(runtime.getVariable(drill.getId(), "participantIds")).isEqualTo(List.of("responder", "payments-dev"));
    assertThat(runtime.getVariable(drill.getId(), "drillInitiator")).isEqualTo("manager");
  }

  private void startInTasklist(Browser browser) throws Exception {
    browser.go(base() + "/login");
    browser.signIn("manager", LifecycleClient.PASSWORD);
    browser.await(SLOW, "signed in", () -> !browser.url().contains("/login"));
    // Tasklist's *Start process* for the drill (what the Start process menu opens)
    browser.go(base() + "/camunda/app/tasklist/default/#/?processStart=drill");
    String scenario = awaitMark(browser, "the start form's Scenario", FIELD
        + " var f = field('Scenario'); return f ? f.querySelector('.fjs-select-display, .fjs-input-group') : null;");
    click(browser, scenario);
    click(browser, awaitMark(browser, "the handbook scenario", FIELD + " var f = field('Scenario'); if (!f) return null;"
        + " var items = f.querySelectorAll('.fjs-dropdownlist-item'); for (var i = 0; i < items.length; i++) {"
        + " if (items[i].textContent.indexOf('Payment DB connection failure') === 0) return items[i]; } return null;"));
    pick(browser, "Rae", "Rae Responder (responder)");
    pick(browser, "Pat", "Pat Payments (payments-dev)");
    browser.await(SLOW, "two people picked", () -> browser.script(FIELD + " var f = field('Participants');"
        + " return f !== null && f.querySelectorAll('.fjs-taglist-tag').length === 2;").asBoolean());
    browser.screenshot("tasklist-drill-start.png");
    click(browser, awaitMark(browser, "the Start button", "var b = document.querySelectorAll('button');"
        + " for (var i = 0; i < b.length; i++) { if (b[i].getAttribute('ng-click') === 'startProcessInstance()'"
        + " && !b[i].disabled) return b[i]; } return null;"));
    browser.await(SLOW, "the start form closes", () -> browser.script(
        "return document.querySelector('.modal-dialog') === null;").asBoolean());
  }

  /** Types into the taglist until the directory's person is offered, then picks them. */
  private void pick(Browser browser, String typed, String person) throws InterruptedException {
    String input = awaitMark(browser, "the Participants taglist", FIELD
        + " var f = field('Participants'); return f ? f.querySelector('input') : null;");
    click(browser, input);
    browser.type(input, typed);
    click(browser, awaitMark(browser, person + " offered", FIELD + " var f = field('Participants'); if (!f) return null;"
        + " var items = f.querySelectorAll('.fjs-dropdownlist-item'); for (var i = 0; i < items.length; i++) {"
        + " if (items[i].textContent.trim() === arguments[0]) return items[i]; } return null;", person));
  }

  private String awaitMark(Browser browser, String what, String find, Object... args) throws InterruptedException {
    String mark = "m" + marks.incrementAndGet();
    String body = "var e = (function () { " + find + " }).apply(null, arguments);"
        + " if (!e) return false; e.setAttribute('data-e2e', '" + mark + "'); return true;";
    browser.await(SLOW, what, () -> browser.script(body, args).asBoolean());
    return "[data-e2e='" + mark + "']";
  }

  private static void click(Browser browser, String selector) {
    browser.script("document.querySelector(arguments[0]).scrollIntoView({block: 'center'}); return true;", selector);
    browser.click(selector);
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
