package dev.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The start of *Respond to incident*: Triage starts at once, beside the channel jobs (each its own and
 * exclusive, so two branches never end at once in two transactions; the page only writes the mail
 * outbox, so it waits behind no outside call but the chat post's); a responder without an
 * e-mail address is skipped and named on the timeline, never e-mailed as a group id.
 */
class RespondStartTest extends ProcessTestSupport {

  static final List<String> RESPONDERS = List.of("responders");

  @Autowired
  Incidents incidents;
  @Autowired
  JdbcClient jdbc;

  private final Map<String, String> removedEmails = new HashMap<>();

  @AfterEach
  void giveAddressesBack() {
    IdentityService identity = engine.getIdentityService();
    removedEmails.forEach((id, email) -> {
      User user = identity.createUserQuery().userId(id).singleResult();
      user.setEmail(email);
      identity.saveUser(user);
    });
    removedEmails.clear();
  }

  static Map<String, Object> paymentOutage(String title) {
    return vars("title", title, "service", "payments", "incidentType", "outage", "impactScope", "all-users");
  }

  @Test
  void triageIsThereAtOnceBesideTheChannelJobsWhichAreSeparateAndExclusive() {
    ProcessInstance instance = startIncident("responder", RESPONDERS, paymentOutage("Payments failing at once"));

    // no channel job has run yet: Triage is already waiting
    assertThat(hasTask(instance, "TriageIncident")).isTrue();
    Map<String, Job> channels = new HashMap<>();
    for (String activity : List.of("PostToIncidentChannel", "PageOnCall")) {
      channels.put(activity, engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .activityId(activity).singleResult());
      assertThat(channels.get(activity)).as("a job of its own for " + activity).isNotNull();
    }
    assertThat(((JobEntity) channels.get("PostToIncidentChannel")).isExclusive()).isTrue();
    assertThat(((JobEntity) channels.get("PageOnCall")).isExclusive()).isTrue();

    // the page runs before the channel post (any order works): both get done, Triage is still there
    engine.getManagementService().executeJob(channels.get("PageOnCall").getId());
    assertThat(hasTask(instance, "TriageIncident")).isTrue();
    runDueJobs(instance);
    String key = incidentKey(instance);
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("E-mail (recorded, not sent)")
        && e.summary().contains("needs triage"));
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("Chat (recorded, not sent)"));
    assertThat(task(instance, "TriageIncident")).isNotNull();
  }

  /**
   * Issue 11: the escalation a SEV1 starts at once is its own process (escalation.bpmn), whose jobs
   * run beside the incident's channel jobs. Exclusive over the whole incident, its page waits while
   * another node runs the incident's channel post, and is taken with the incident's jobs, one after
   * the other in one thread: two branches of Respond to incident never end at the same moment in two
   * transactions (the execution tree stays compact for Triage).
   */
  @Test
  void theEscalationStartedAtOnceRunsOneAfterTheOtherWithTheChannelJobs() {
    ProcessInstance instance = startIncident("responder", RESPONDERS, paymentOutage("Payments down, page at once"));
    Job atOnce = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("EscalateAtOnceTimer").singleResult();
    assertThat(atOnce).as("the escalation decision runs at once, before triage").isNotNull();
    engine.getManagementService().executeJob(atOnce.getId());
    ProcessInstance escalation = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).processDefinitionKey("escalation").singleResult();
    assertThat(escalation).as("level 2 is being paged").isNotNull();
    Job page = engine.getManagementService().createJobQuery().processInstanceId(escalation.getId())
        .activityId("PageEscalationContacts").singleResult();
    Job channelPost = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId("PostToIncidentChannel").singleResult();
    assertThat(hasTask(instance, "TriageIncident")).isTrue();

    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    JobExecutor jobExecutor = configuration.getJobExecutor();
    java.util.Date lockedUntil = new java.util.Date(ClockUtil.getCurrentTime().getTime() + 60_000);
    jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = 'another-node', LOCK_EXP_TIME_ = ? WHERE ID_ = ?")
        .params(lockedUntil, channelPost.getId()).update();
    try {
      AcquiredJobs whileThePostRuns = configuration.getCommandExecutorTxRequired()
          .execute(new AcquireJobsCmd(jobExecutor, 10_000));
      unlock(jobExecutor);
      assertThat(whileThePostRuns.contains(page.getId()))
          .as("the escalation's page waits while another node runs the incident's channel post").isFalse();

      jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL WHERE ID_ = ?")
          .param(channelPost.getId()).update();
      AcquiredJobs afterwards = configuration.getCommandExecutorTxRequired()
          .execute(new AcquireJobsCmd(jobExecutor, 10_000));
      unlock(jobExecutor);
      assertThat(afterwards.getJobIdBatches()).as("one thread runs them one after the other")
          .anyMatch(batch -> batch.contains(page.getId()) && batch.contains(channelPost.getId()));
    } finally {
      jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL WHERE ID_ = ?")
          .param(channelPost.getId()).update();
      unlock(jobExecutor);
    }

    runDueJobs(instance);
    assertThat(incidents.require(incidentKey(instance)).escalationLevel()).isEqualTo(2);
    assertThat(hasTask(instance, "TriageIncident")).isTrue();
  }

  /** Gives back every job this test's acquisitions locked (other tests' jobs among them). */
  private void unlock(JobExecutor jobExecutor) {
    jdbc.sql("UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL WHERE LOCK_OWNER_ = ?")
        .param(jobExecutor.getLockOwner()).update();
  }

  @Test
  void withNoResponderAddressNobodyIsEmailedAndTheTimelineNamesWhoWasSkipped() {
    List<User> responders = engine.getIdentityService().createUserQuery().memberOfGroup("responders").list();
    assertThat(responders).isNotEmpty();
    responders.forEach(user -> removeEmail(user.getId()));

    ProcessInstance instance = declareIncident("responder", RESPONDERS, paymentOutage("Nobody to e-mail"));
    String key = incidentKey(instance);

    assertThat(hasTask(instance, "TriageIncident")).as("the response goes on").isTrue();
    List<TimelineEntry> nobody = incidents.timeline(key).stream()
        .filter(e -> e.summary().startsWith("Nobody e-mailed")).toList();
    assertThat(nobody).hasSize(1);
    assertThat(nobody.get(0).summary()).contains("nobody in responders has an e-mail address", "needs triage");
    for (User user : responders) {
      assertThat(nobody.get(0).summary()).contains(user.getId());
      assertThat(nobody.get(0).details().path("skipped").toString()).contains("\"" + user.getId() + "\"");
    }
    assertThat(incidents.timeline(key)).noneMatch(e -> e.summary().contains("group:"));
    // a SEV1 also pages the payments on-call person at once (level 2, escalation.bpmn): that page is
    // not the responders' and has its address; the responders' page is never e-mailed or queued
    assertThat(incidents.timeline(key)).noneMatch(e -> e.summary().startsWith("E-mail")
        && e.summary().contains("needs triage"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE incident_key = ? AND subject LIKE '%needs triage%'")
        .param(key).query(Long.class).single()).as("nothing queued for the responders").isZero();
  }

  @Test
  void aResponderWithoutAddressIsSkippedAndNamedTheOthersArePaged() {
    removeEmail("manager");
    ProcessInstance instance = declareIncident("responder", RESPONDERS, paymentOutage("One address missing"));
    String key = incidentKey(instance);

    assertThat(incidents.timeline(key)).filteredOn(e -> e.summary().startsWith("No e-mail to"))
        .singleElement().satisfies(e -> {
          assertThat(e.summary()).contains("manager", "(no e-mail address)", "needs triage");
          assertThat(e.details().path("skipped").toString()).isEqualTo("[\"manager\"]");
        });
    assertThat(incidents.timeline(key)).anyMatch(e -> e.summary().startsWith("E-mail (recorded, not sent) to ")
        && e.summary().contains("responder@firebreak.example") && !e.summary().contains("manager@"));
  }

  private void removeEmail(String userId) {
    IdentityService identity = engine.getIdentityService();
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user.getEmail() != null && !removedEmails.containsKey(userId)) {
      removedEmails.put(userId, user.getEmail());
    }
    user.setEmail(null);
    identity.saveUser(user);
  }
}
