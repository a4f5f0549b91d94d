package dev.firebreak.notify;

import dev.firebreak.platform.security.Hashes;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.outbox.Outbox;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import dev.firebreak.platform.time.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every e-mail Firebreak sends to people (pages, incident e-mails, meeting invitations, invitation
 * links) goes through this outbox. {@link #enqueue} writes a row in the caller's transaction — the
 * Camunda job's — and nothing else; after commit (and every poll interval) a sender thread sends
 * the due rows through the {@link EmailChannel}. So:
 * <ul>
 *   <li>a job that rolls back (a failure after the write, an optimistic-locking conflict) leaves no
 *   row and has sent nothing; its re-run writes the row again;</li>
 *   <li>the row's {@code message_key} is the message's identity: the Camunda job that wrote it (the
 *   same on every re-run of that job), the recipients and the subject. A second write of the same
 *   key is ignored, so a job that runs twice stores one message;</li>
 *   <li>the {@code Message-ID} header comes from the key: the same on every attempt;</li>
 *   <li>every real send and every failed attempt is on the incident's timeline with its time; a
 *   failure is retried with exponential backoff (a call refused by the open smtp circuit breaker is
 *   rescheduled without counting as an attempt); after max-attempts the row is marked failed, the
 *   timeline says so and Cockpit shows an incident of type {@value #INCIDENT_TYPE} on the process.</li>
 * </ul>
 * Several nodes may send: a node first leases a row (a conditional UPDATE only one node wins). A node
 * that dies between SMTP's answer and marking the row sent leaves it to be sent again after the
 * lease, with the same Message-ID (the one case of at-least-once; mail clients show it once).
 */
@Component
public class MailOutbox implements SmartLifecycle {

  /** The Camunda incident type of an e-mail that could not be sent after all attempts. */
  public static final String INCIDENT_TYPE = "failedMail";

  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final JdbcClient jdbc;
  private final EmailChannel email;
  private final Incidents incidents;
  private final RuntimeService runtime;
  private final EngineClock clock;
  private final FirebreakProperties firebreak;
  private final NotifyProperties.MailOutbox settings;
  private final String domain;
  private final Outbox outbox;

  MailOutbox(JdbcClient jdbc, EmailChannel email, Incidents incidents, @Lazy RuntimeService runtime,
      EngineClock clock, FirebreakProperties firebreak, NotifyProperties notify) {
    this.jdbc = jdbc;
    this.email = email;
    this.incidents = incidents;
    this.runtime = runtime;
    this.clock = clock;
    this.firebreak = firebreak;
    this.settings = notify.getMailOutbox();
    String from = notify.getMailFrom();
    this.domain = from.contains("@") ? from.substring(from.indexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "")
        : "firebreak.localhost";
    this.outbox = new Outbox("mail-outbox", jdbc, clock, "mail_outbox", "sent_at", settings, this::dispatchDue);
  }

  /**
   * Queues an e-mail about an incident; call inside the deciding transaction. Returns the
   * Message-ID it will carry.
   */
  String enqueue(String incidentKey, List<String> to, String subject, String body, boolean drill, String calendar) {
    return insert(incidentKey, to, subject, body, drill, calendar);
  }

  /** Queues an e-mail that belongs to no incident (an invitation link); returns its Message-ID. */
  String enqueuePublic(List<String> to, String subject, String text) {
    return insert(null, to, subject, text, false, null);
  }

  private String insert(String incidentKey, List<String> to, String subject, String body, boolean drill,
      String calendar) {
    Origin origin = origin();
    String key = origin.key() + "/" + Hashes.sha256Hex(String.join(",", to.stream().sorted().toList()) + "\n" + subject)
        .substring(0, 24);
    String messageId = "<" + Hashes.sha256Hex(key).substring(0, 32) + "@" + domain + ">";
    if (jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE message_key = ?").param(key).query(Long.class).single() == 0) {
      OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
      jdbc.sql("""
          INSERT INTO mail_outbox (message_key, message_id, incident_key, process_instance_id, recipients, subject,
            body, calendar, drill, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
          .params(key, messageId, incidentKey, origin.processInstanceId(), String.join(",", to), clip(subject, 500),
              clip(body, 16000), calendar, drill, now, now)
          .update();
    }
    dispatchAfterCommit();
    return messageId;
  }

  /**
   * Who writes this message: the Camunda job being executed (its id is the same on every re-run),
   * else the activity instance (a synchronous step: no re-run without a rollback), else a one-off.
   */
  private static Origin origin() {
    CommandContext command = Context.getCommandContext();
    BpmnExecutionContext execution = Context.getBpmnExecutionContext();
    String processInstanceId = execution == null || execution.getExecution() == null ? null
        : execution.getExecution().getProcessInstanceId();
    if (command != null && command.getCurrentJob() != null) {
      String id = command.getCurrentJob().getId();
      return new Origin("job:" + id,
          processInstanceId != null ? processInstanceId : command.getCurrentJob().getProcessInstanceId());
    }
    if (execution != null && execution.getExecution() != null) {
      return new Origin("activity:" + execution.getExecution().getActivityInstanceId(), processInstanceId);
    }
    return new Origin("once:" + UUID.randomUUID(), null);
  }

  private record Origin(String key, String processInstanceId) {
  }

  private void dispatchAfterCommit() {
    outbox.dispatchAfterCommit();
  }

  void dispatchSoon() {
    outbox.dispatchSoon();
  }

  /** Sends every due e-mail once; returns how many were sent. Tests call it to send at once. */
  public synchronized int dispatchDue() {
    Instant now = clock.now();
    List<Map<String, Object>> due = jdbc.sql("""
        SELECT id, message_id, incident_key, process_instance_id, recipients, subject, body, calendar, drill, attempts
        FROM mail_outbox WHERE\s""" + outbox.dueCondition("") + " ORDER BY id LIMIT 100").param(now.atOffset(ZoneOffset.UTC)).query().listOfRows();
    int sent = 0;
    for (Map<String, Object> row : due) {
      long id = ((Number) row.get("id")).longValue();
      if (!outbox.lease(id)) {
        continue;
      }
      int attempts = ((Number) row.get("attempts")).intValue();
      String incidentKey = (String) row.get("incident_key");
      List<String> to = Arrays.asList(((String) row.get("recipients")).split(","));
      String subject = (String) row.get("subject");
      String messageId = (String) row.get("message_id");
      try {
        if (incidentKey == null) {
          email.sendPublic(new PublicEmail(to, subject, (String) row.get("body"), null, messageId));
        } else {
          email.send(new EmailMessage(incidentKey, to, subject, (String) row.get("body"),
              Boolean.TRUE.equals(row.get("drill")), (String) row.get("calendar"), messageId));
        }
        Instant at = outbox.sent(id, attempts + 1);
        sent++;
        if (incidentKey != null && email.delivers()) {
          Map<String, Object> details = details(to, subject, messageId, attempts + 1);
          details.put("delivered", true);
          details.put("sentAt", at.toString());
          details.put("invitation", row.get("calendar") != null);
          incidents.note(incidentKey, null, TimelineEntry.Kind.NOTIFICATION,
              incidents.words().get("mail.sent", String.join(", ", to), subject, time(at)), details);
        }
      } catch (OutsideSystemUnavailableException e) {
        // not an attempt: the breaker refused the call; the rest of this round would be refused too
        outbox.refusedByBreaker(id, attempts, e.getMessage());
        break;
      } catch (RuntimeException e) {
        failed(row, id, attempts + 1, e);
      }
    }
    return sent;
  }

  private void failed(Map<String, Object> row, long id, int failed, RuntimeException e) {
    String incidentKey = (String) row.get("incident_key");
    List<String> to = Arrays.asList(((String) row.get("recipients")).split(","));
    String subject = (String) row.get("subject");
    String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Outbox.Failure failure = outbox.failed(id, failed, error);
    boolean giveUp = failure.givenUp();
    Map<String, Object> details = details(to, subject, (String) row.get("message_id"), failed);
    details.put("delivered", false);
    details.put("error", clip(error, 1000));
    if (giveUp) {
      log.error("E-mail {} to {} failed {} times; giving up: {}", id, to, failed, error);
      String camundaIncident = cockpitIncident(incidentKey, (String) row.get("process_instance_id"), id,
          "E-mail to " + String.join(", ", to) + " not sent after " + failed + " attempts: " + error);
      if (incidentKey != null) {
        details.put("camundaIncident", camundaIncident);
        incidents.note(incidentKey, null, TimelineEntry.Kind.FAILURE,
            incidents.words().get("mail.failed", String.join(", ", to), subject, failed, error), details);
      }
    } else {
      Instant next = failure.nextAttemptAt();
      log.warn("E-mail {} to {} failed (attempt {}), retrying at {}: {}", id, to, failed, next, error);
      if (incidentKey != null) {
        details.put("nextAttemptAt", next.toString());
        incidents.note(incidentKey, null, TimelineEntry.Kind.NOTIFICATION,
            incidents.words().get("mail.retry", String.join(", ", to), subject, failed, settings.getMaxAttempts(),
                error, time(next)), details);
      }
    }
  }

  /**
   * A Camunda incident (Cockpit) on the process that asked for the e-mail, while it runs (else on the
   * incident's process), on one of its current activities: an incident must sit on an activity.
   */
  private String cockpitIncident(String incidentKey, String processInstanceId, long id, String message) {
    try {
      String instance = null;
      if (processInstanceId != null && runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
          .active().count() > 0) {
        instance = processInstanceId;
      } else if (incidentKey != null) {
        instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentKey)
            .processDefinitionKey("incident").active().list().stream().findFirst().map(ProcessInstance::getId)
            .orElse(null);
      }
      String executionId = instance == null ? null : leafExecution(runtime.getActivityInstance(instance));
      return executionId == null ? null
          : runtime.createIncident(INCIDENT_TYPE, executionId, "mail_outbox:" + id, clip(message, 3900)).getId();
    } catch (RuntimeException e) {
      log.warn("Could not raise the Cockpit incident for e-mail {}: {}", id, e.getMessage());
      return null;
    }
  }

  private static String leafExecution(ActivityInstance activity) {
    if (activity == null) {
      return null;
    }
    for (ActivityInstance child : activity.getChildActivityInstances()) {
      String leaf = leafExecution(child);
      if (leaf != null) {
        return leaf;
      }
    }
    return activity.getChildActivityInstances().length == 0 && activity.getExecutionIds().length > 0
        && activity.getParentActivityInstanceId() != null ? activity.getExecutionIds()[0] : null;
  }

  private static Map<String, Object> details(List<String> to, String subject, String messageId, int attempt) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("to", to);
    details.put("subject", subject);
    details.put("messageId", messageId);
    details.put("attempt", attempt);
    return details;
  }

  private String time(Instant at) {
    return TIME.format(at.atZone(firebreak.getZone()));
  }

  /** Counts of an incident's e-mails: sent, pending, failed. */
  public Map<String, Long> counts(String incidentKey) {
    return outbox.counts("sent", "incident_key = ?", incidentKey);
  }

  Duration backoff(int failedAttempts) {
    return outbox.backoff(failedAttempts);
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  @Override
  public void start() {
    outbox.start();
  }

  /** Stops sending: a send under way finishes (bounded by the SMTP timeouts) before the pool closes. */
  @Override
  public void stop() {
    outbox.stop(Duration.ofSeconds(20));
  }

  @Override
  public boolean isRunning() {
    return outbox.isRunning();
  }
}
