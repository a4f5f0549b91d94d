package dev.firebreak.drill;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/** Plan drill scenario starts: the contact directory's people become the Participants picker's options. */
@Component("offerDrillParticipants")
class OfferDrillParticipants implements ExecutionListener {

  private final DrillParticipantOptions options;

  OfferDrillParticipants(DrillParticipantOptions options) {
    this.options = options;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(DrillProcess.DRILL_PARTICIPANT_OPTIONS, SpinValues.jsonValue(options.options()).create());
  }
}
