package dev.firebreak.drill;

import dev.firebreak.directory.Directory;
import dev.firebreak.platform.web.FormOptions;
import org.springframework.stereotype.Component;

/**
 * The drill's Participants picker: every person of the contact directory. The planning task gets them
 * as a variable ({@link OfferDrillParticipants}); the start form plan-drill-scenario, which Tasklist
 * gives no variables, gets them written into the form it is served (platform.web.StartFormOptions).
 */
@Component
class DrillParticipantOptions implements FormOptions {

  private final Directory directory;

  DrillParticipantOptions(Directory directory) {
    this.directory = directory;
  }

  @Override
  public String valuesKey() {
    return DrillProcess.DRILL_PARTICIPANT_OPTIONS;
  }

  @Override
  public String options() {
    return directory.peopleAsOptions();
  }
}
