package dev.firebreak.recovery;

import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The default deploy tool, for every service whose catalog entry names no deploy target: the request
 * is recorded on the timeline (called once, even when the job is retried) and a person runs the
 * deployment and confirms it (*Confirm deployment*).
 */
@Component
class RecordingDeployTool implements DeployTool {

  static final String NAME = "recorded";

  private final Incidents incidents;

  RecordingDeployTool(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DeploymentTicket request(DeploymentRequest request, Deployments.Deployment previous) {
    if (request.action() == DeploymentRequest.Action.ABORT_CANARY) {
      return new DeploymentTicket(null, false, incidents.words().get("recovery.canary.unsupported", NAME));
    }
    String what = request.action() == DeploymentRequest.Action.ROLLBACK
        ? incidents.words().get("recovery.recorded.rollback", request.service(), request.version())
        : incidents.words().get("recovery.recorded.hotfix", request.service(), request.version());
    if (previous.reference() == null) {
      incidents.note(request.incidentKey(), null, TimelineEntry.Kind.RECOVERY, incidents.words().get("recovery.recorded", what),
          Map.of("action", request.action().code(), "service", request.service(), "version", String.valueOf(request.version())));
    }
    return new DeploymentTicket("recorded-" + request.incidentKey(), false,
        incidents.words().get("recovery.recorded.instructions", what));
  }

  @Override
  public Optional<DeploymentResult> poll(DeploymentRequest request, Deployments.Deployment deployment) {
    return Optional.empty();
  }
}
