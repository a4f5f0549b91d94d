package dev.firebreak.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.incident.LifecycleClient;
import dev.firebreak.platform.Browser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The knowledge base on the embedded default database, H2: the portable word match; and its page. */
class KnowledgeSearchOnH2IT extends AbstractKnowledgeSearchIT {

  @Override
  String engine() {
    return "portable";
  }

  @Test
  void theKnowledgePageSearchesInKoreanAndFitsAPhone() throws Exception {
    String base = "http://localhost:" + port;
    try (Browser browser = Browser.open(1280, 900)) {
      browser.go(base + "/knowledge");
      assertThat(browser.url()).contains("/login");
      browser.signIn("responder", LifecycleClient.PASSWORD);
      browser.await(Duration.ofSeconds(10), "signed in", () -> !browser.url().contains("/login"));
      browser.go(base + "/knowledge?lang=ko");
      assertThat(browser.text("h1")).contains("장애 지식 베이스");
      browser.type("#knowledge-q", "연결 풀");
      browser.click("form.filters button[type=submit]");
      browser.await(Duration.ofSeconds(10), "results", () -> browser.url().contains("q="));
      assertThat(browser.text("#knowledge-hits")).contains("KB-0001", "DB 연결 풀 해제 버그", "원인", "해결 방법")
          .doesNotContain("KB-0003");
      assertThat(browser.script("return document.querySelectorAll('#knowledge-hits li.hit')[0].querySelector('.key').textContent;")
          .asText()).isEqualTo("KB-0001");
      assertThat(browser.script("return Array.prototype.map.call(document.querySelectorAll('#knowledge-hits li.hit')[0]"
          + ".querySelectorAll('.snippet mark'), function (m) { return m.textContent; }).join('|');").asText())
          .contains("연결", "풀");
      assertThat(browser.text("header")).contains("지식 베이스");
      browser.screenshot("knowledge.png");

      browser.resize(390, 844);
      browser.go(base + "/knowledge?q=connection+pool&lang=en");
      assertThat(browser.script("return document.querySelectorAll('#knowledge-hits li.hit .key').length;").asInt())
          .isEqualTo(3);
      assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;").asBoolean())
          .as("fits a 390 px wide phone").isTrue();
      browser.screenshot("knowledge-phone.png");
    }
  }
}
