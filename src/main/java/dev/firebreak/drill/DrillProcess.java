package dev.firebreak.drill;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.integer;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.ProcessVariable;
import java.util.List;

/** The contract of processes/drill.bpmn: a quarterly incident simulation and training sign-off. */
public final class DrillProcess {

  public static final String ID = "drill";
  /** Starts a drill by hand (the quarterly timer is the other start; a process cannot have both a timer and a none start). */
  public static final String MESSAGE_DRILL_REQUESTED = "DrillRequested";
  /** Who started the drill by hand (camunda:initiator of the message start). */
  public static final ProcessVariable<String> DRILL_INITIATOR = string("drillInitiator");

  // Plan drill scenario
  public static final ProcessVariable<String> DRILL_SCENARIO = string("drillScenario");
  /** The participants' ids: typed "responder, payments-dev" on the start form, a Json list from the planning task's picker. */
  public static final ProcessVariable<Object> DRILL_PARTICIPANTS = ProcessVariable.of("drillParticipants", Object.class);
  /** Every directory person as the planning task's picker options ([{label, value}], Json), set when the task starts. */
  public static final String DRILL_PARTICIPANT_OPTIONS = "drillParticipantOptions";
  /** The participants as a list, the collection of the multi-instance Sign off training. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static final ProcessVariable<List<String>> PARTICIPANT_IDS = ProcessVariable.of("participantIds", (Class) List.class);
  public static final ProcessVariable<String> PARTICIPANT = string("participant");
  public static final ProcessVariable<String> DRILL_INCIDENT_KEY = string("drillIncidentKey");

  // Evaluate drill
  public static final ProcessVariable<String> DRILL_EVALUATION = string("drillEvaluation");
  public static final ProcessVariable<Integer> DRILL_RATING = integer("drillRating");
  public static final ProcessVariable<String> DRILL_IMPROVEMENTS = string("drillImprovements");

  // Sign off training
  public static final ProcessVariable<Boolean> TRAINING_CONFIRMED = bool("trainingConfirmed");
  public static final ProcessVariable<String> TRAINING_FEEDBACK = string("trainingFeedback");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String QUARTERLY_TIMER = "QuarterlyDrill";
    public static final String PLAN_DRILL = "PlanDrillScenario";
    public static final String PREPARE_DRILL_INCIDENT = "PrepareDrillIncident";
    public static final String RUN_DRILL_INCIDENT = "RunDrillIncident";
    public static final String EVALUATE_DRILL = "EvaluateDrill";
    public static final String SIGN_OFF_TRAINING = "SignOffTraining";
    public static final String RECORD_DRILL_RESULTS = "RecordDrillResults";

    private Elements() {
    }
  }

  private DrillProcess() {
  }
}
