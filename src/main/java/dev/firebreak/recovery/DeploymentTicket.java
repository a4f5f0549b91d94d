package dev.firebreak.recovery;

/**
 * What the deploy tool answered: its reference for the run; whether it reports the outcome to the
 * {@code DeploymentFinished} callback (otherwise a person confirms it); what a person should know or do
 * ({@code details}); {@code revertInGit}: the tool refused (Argo CD under auto-sync) and a person
 * reverts the change in Git to {@code revision}; {@code previousSyncPolicy}: the auto-sync policy
 * Firebreak switched off; {@code followUp}: what a person must do after the deployment (revert the bad
 * change, re-enable auto-sync), null when nothing.
 */
public record DeploymentTicket(String reference, boolean callbackExpected, String details, boolean revertInGit,
    String revision, String previousSyncPolicy, String followUp) {

  public DeploymentTicket(String reference, boolean callbackExpected, String details) {
    this(reference, callbackExpected, details, false, null, null, null);
  }
}
