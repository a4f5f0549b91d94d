package dev.firebreak.notify.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.directory.Directory;
import dev.firebreak.incident.ImpactScope;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.IncidentStatus;
import dev.firebreak.incident.IncidentType;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.Severity;
import dev.firebreak.notify.IncidentCards;
import dev.firebreak.notify.NotifyProperties;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.time.EngineClock;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The Teams card's words come from the message bundles, in firebreak.notify.locale (en and ko). */
class TeamsIncidentCardTest {

  static TeamsIncidentCard card(String locale) throws Exception {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    NotifyProperties notify = new NotifyProperties();
    notify.setLocale(locale);
    FirebreakProperties firebreak = new FirebreakProperties();
    firebreak.setBaseUrl("https://firebreak.example");
    Constructor<IncidentCards> constructor = IncidentCards.class.getDeclaredConstructor(FirebreakProperties.class,
        Incidents.class, TaskService.class, Directory.class, org.springframework.context.MessageSource.class,
        NotifyProperties.class);
    constructor.setAccessible(true);
    IncidentCards cards = constructor.newInstance(firebreak, mock(Incidents.class), mock(TaskService.class),
        mock(Directory.class), messages, notify);
    return new TeamsIncidentCard(cards, new EngineClock(), new ObjectMapper());
  }

  static IncidentRecord incident(boolean drill) {
    return new IncidentRecord("INC-2026-0042", "결제 DB 연결 실패", "payments", IncidentType.values()[0],
        ImpactScope.values()[0], Severity.SEV1, IncidentStatus.TRIAGE, 2, null, null, drill, "tasklist", "responder",
        null, Instant.now(), Instant.now(), null, null, null, null, 0, null, false);
  }

  static List<String> texts(JsonNode card) {
    List<String> texts = new ArrayList<>();
    card.path("body").forEach(b -> texts.add(b.path("text").asText()));
    card.path("body").forEach(b -> b.path("facts").forEach(f -> texts.add(f.path("title").asText() + "=" + f.path("value").asText())));
    card.path("actions").forEach(a -> texts.add(a.path("title").asText()));
    return texts;
  }

  @Test
  void inKoreanTheCardSpeaksKorean() throws Exception {
    JsonNode card = new ObjectMapper().readTree(card("ko").message(incident(false), "인시던트 채널 게시", 2,
        Instant.parse("2026-12-01T06:00:00Z"))).path("attachments").get(0).path("content");
    assertThat(texts(card)).contains("심각도=SEV1", "상태=분류 대기", "단계=L2", "지휘자=_미지정_", "확인=_아직 없음_",
        "**최신:** 인시던트 채널 게시", "Tasklist에서 열기", "Firebreak에서 열기", "상태 페이지");
    assertThat(texts(card)).anySatisfy(t -> assertThat(t).startsWith("후속 2 — ").contains("카드에 이어서"));
    assertThat(texts(card)).noneSatisfy(t -> assertThat(t).containsAnyOf("Severity", "Follow-up", "Open in"));
  }

  @Test
  void inEnglishTheSameCard() throws Exception {
    JsonNode card = new ObjectMapper().readTree(card("en").message(incident(true), "Post to incident channel", 0, null))
        .path("attachments").get(0).path("content");
    assertThat(texts(card)).contains("Severity=SEV1", "Level=L2", "Commander=_unassigned_",
        "**Latest:** Post to incident channel", "Open in Tasklist", "Open in Firebreak");
    assertThat(texts(card).get(0)).isEqualTo("[DRILL] INC-2026-0042 결제 DB 연결 실패");
    assertThat(texts(card)).as("no follow-up line on the incident's card, no status page for a drill")
        .noneSatisfy(t -> assertThat(t).containsAnyOf("Follow-up", "Status page"));
    assertThat(card.path("actions").get(0).path("url").asText())
        .isEqualTo("https://firebreak.example/camunda/app/tasklist/default/");
  }
}
