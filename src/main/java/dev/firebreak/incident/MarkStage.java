package dev.firebreak.incident;

import dev.firebreak.platform.process.EngineAccess;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Start listener on the milestone events of incident.bpmn. The milestone names the status it
 * stands for in its camunda property {@code status}, so a process owner can move or add milestones
 * in Modeler without touching Java.
 */
@Component("markStage")
class MarkStage implements ExecutionListener {

  static final String STATUS_PROPERTY = "status";

  private final Incidents incidents;

  MarkStage(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void notify(DelegateExecution execution) {
    FlowElement element = execution.getBpmnModelElementInstance();
    String code = statusProperty(element).orElseThrow(() -> new ProcessEngineException(
        "Milestone '" + element.getId() + "' needs a camunda:property named 'status' with one of "
            + IncidentStatus.OPEN + " codes or resolved/postmortem/closed/dismissed"));
    IncidentStatus status = IncidentStatus.fromJson(code);
    incidents.reachStage(IncidentProcess.INCIDENT_KEY.require(execution), status, EngineAccess.currentUser());
  }

  static Optional<String> statusProperty(FlowElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return Optional.empty();
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> STATUS_PROPERTY.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst();
  }
}
