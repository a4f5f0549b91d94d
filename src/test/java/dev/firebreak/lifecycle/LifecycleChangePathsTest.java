package dev.firebreak.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.firebreak.platform.ProcessTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** review-lifecycle-change.bpmn: checked, reviewed by someone other than the proposer, then deployed or not. */
class LifecycleChangePathsTest extends ProcessTestSupport {

  static final List<String> OWNERS = List.of("process-owners");

  @Autowired
  LifecycleChanges changes;

  @Test
  void approvedChangeIsDeployedOnceAsOneDeploymentNamedAfterIt() throws IOException {
    String dmn = Files.readString(Path.of("dmn/postmortem-policy.dmn"))
        .replace("Handbook follow-up: every SEV1 gets", "Every SEV1 gets");
    LifecycleChange change = changes.propose(Map.of("postmortem-policy.dmn", dmn.getBytes(StandardCharsets.UTF_8)),
        "Shorter rule description", "owner");
    ProcessInstance review = instance(change);
    assertThat(review).isWaitingAt(LifecycleChangeProcess.Elements.REVIEW_LIFECYCLE_CHANGE).hasPassed("CheckProposedModels");
    assertThat(review).variables().containsEntry("lifecycleCheckPassed", true)
        .containsEntry("lifecycleChangeProposer", "owner");
    assertThat((String) engine.getRuntimeService().getVariable(review.getId(), "lifecycleDecisionDiff"))
        .contains("1 changed, 0 added, 0 removed rules", "~ rule postmortem-policy-rule-2");

    // four eyes: the proposer is refused; a forged proposer variable is refused before that (people
    // never write system variables); nothing changes
    assertThatThrownBy(() -> complete(review, "ReviewLifecycleChange", "owner", OWNERS, vars(
        "lifecycleChangeDecision", "approve", "lifecycleChangeDecisionReason", "Mine is fine",
        "lifecycleChangeProposer", "owner2")))
        .isInstanceOf(dev.firebreak.platform.process.SystemVariableRefusedException.class)
        .hasMessageContaining("lifecycleChangeProposer");
    assertThatThrownBy(() -> complete(review, "ReviewLifecycleChange", "owner", OWNERS, vars(
        "lifecycleChangeDecision", "approve", "lifecycleChangeDecisionReason", "Mine is fine")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("proposed by owner");
    assertThat(review).isWaitingAt("ReviewLifecycleChange");
    assertThat(changes.require(change.id()).status()).isEqualTo(LifecycleChange.IN_REVIEW);

    complete(review, "ReviewLifecycleChange", "owner2", OWNERS, vars(
        "lifecycleChangeDecision", "approve", "lifecycleChangeDecisionReason", "Reads better"));
    assertThat(review).isEnded().hasPassed("DeployLifecycleChange", "End_ChangeDeployed");

    LifecycleChange deployed = changes.require(change.id());
    assertThat(deployed.status()).isEqualTo(LifecycleChange.DEPLOYED);
    assertThat(deployed.timeline()).extracting(LifecycleChange.Step::step, LifecycleChange.Step::by)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("proposed", "owner"),
            org.assertj.core.groups.Tuple.tuple("checked", null),
            org.assertj.core.groups.Tuple.tuple("approved", "owner2"),
            org.assertj.core.groups.Tuple.tuple("deployed", null));
    var repository = engine.getRepositoryService();
    var decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey("postmortem-policy")
        .latestVersion().singleResult();
    assertThat(decision.getDeploymentId()).isEqualTo(deployed.deploymentId());
    var deployment = repository.createDeploymentQuery().deploymentId(deployed.deploymentId()).singleResult();
    assertThat(deployment.getName()).isEqualTo(LifecycleChanges.deploymentName(change.id()));
    assertThat(deployment.getSource()).isEqualTo(LifecycleChanges.DEPLOYMENT_SOURCE);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("incident").latestVersion()
        .singleResult().getDeploymentId()).as("the process binds to the new decision").isEqualTo(deployed.deploymentId());
    assertThat(new String(repository.getResourceAsStream(deployed.deploymentId(), "dmn/postmortem-policy.dmn")
        .readAllBytes(), StandardCharsets.UTF_8)).contains("Every SEV1 gets");

    // a retried job deploys nothing twice
    assertThat(changes.deploy(change.id())).isEqualTo(deployed.deploymentId());
    assertThat(repository.createDeploymentQuery().deploymentName(deployment.getName()).count()).isEqualTo(1);
  }

  @Test
  void changeWhoseCheckFoundProblemsCanOnlyBeRejectedAndDeploysNothing() throws IOException {
    String bpmn = Files.readString(Path.of("processes/transition-tracking-issue.bpmn"))
        .replaceAll("(?s)<bpmndi:BPMNShape id=\"TransitionTrackingIssue_di\".*?</bpmndi:BPMNShape>", "");
    LifecycleChange change = changes.propose(Map.of("transition-tracking-issue.bpmn",
        bpmn.getBytes(StandardCharsets.UTF_8)), "Tidy the diagram", "owner");
    ProcessInstance review = instance(change);
    assertThat(review).variables().containsEntry("lifecycleCheckPassed", false);
    assertThat(changes.require(change.id()).problems())
        .containsExactly("transition-tracking-issue.bpmn: TransitionTrackingIssue has no shape in the diagram");

    assertThatThrownBy(() -> complete(review, "ReviewLifecycleChange", "admin", List.of("camunda-admin"), vars(
        "lifecycleChangeDecision", "approve", "lifecycleChangeDecisionReason", "Looks fine", "lifecycleCheckPassed", true)))
        .hasMessageContaining("cannot be approved: the model check found problems");
    assertThat(review).isWaitingAt("ReviewLifecycleChange");

    complete(review, "ReviewLifecycleChange", "admin", List.of("camunda-admin"), vars(
        "lifecycleChangeDecision", "reject", "lifecycleChangeDecisionReason", "Draw the task"));
    assertThat(review).isEnded().hasPassed("End_ChangeRejected").hasNotPassed("DeployLifecycleChange");
    LifecycleChange rejected = changes.require(change.id());
    assertThat(rejected.status()).isEqualTo(LifecycleChange.REJECTED);
    assertThat(rejected.decidedBy()).isEqualTo("admin");
    assertThat(rejected.deploymentId()).isNull();
    assertThat(engine.getRepositoryService().createDeploymentQuery()
        .deploymentName(LifecycleChanges.deploymentName(change.id())).count()).isZero();
  }

  private ProcessInstance instance(LifecycleChange change) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(change.id())
        .singleResult();
  }
}
