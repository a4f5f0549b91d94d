package dev.firebreak.recovery;

import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.ProcessVariable;

/**
 * The contract of processes/auto-sync-follow-up.bpmn: started (business key = incident key) when an
 * Argo CD rollback finished, beside the incident, so the recovery does not wait for it. Its variables
 * {@code incidentKey}, {@code service}, {@code deploymentFollowUp}, {@code deploymentReference} are
 * declared in IncidentProcess and RecoveryProcess.
 */
public final class AutoSyncFollowUpProcess {

  public static final String ID = "auto-sync-follow-up";

  // Revert the bad change and re-enable auto-sync
  public static final ProcessVariable<String> FOLLOW_UP_NOTES = string("followUpNotes");
  /**
   * The sync policy ({@code spec.syncPolicy.automated}, JSON) Firebreak switched off for the rollback,
   * set when the follow-up starts; Re-enable auto-sync restores it. Unset when Firebreak did not switch it off.
   */
  public static final ProcessVariable<String> PREVIOUS_SYNC_POLICY = string("previousSyncPolicy");

  public static final class Elements {
    public static final String REVERT_AND_RESYNC = "RevertAndReenableAutoSync";
    public static final String REENABLE_AUTO_SYNC = "ReenableAutoSync";

    private Elements() {
    }
  }

  private AutoSyncFollowUpProcess() {
  }
}
