package dev.firebreak.notify;

import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/** Variables of the status-update cadence in incident.bpmn (Draft public notice, Approve public notice). */
public final class StatusUpdateVariables {

  public static final ChoiceVariable<NoticePhase> STATUS_PHASE = ChoiceVariable.of("statusPhase", NoticePhase.class);
  public static final ProcessVariable<String> STATUS_MESSAGE = string("statusMessage");

  private StatusUpdateVariables() {
  }
}
