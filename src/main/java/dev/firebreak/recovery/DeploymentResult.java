package dev.firebreak.recovery;

/** How a deployment ended, as the tool reports it (callback or poll), with the tool's own message. */
public record DeploymentResult(DeploymentOutcome outcome, String message) {

  public static DeploymentResult succeeded(String message) {
    return new DeploymentResult(DeploymentOutcome.SUCCEEDED, message);
  }

  public static DeploymentResult failed(String message) {
    return new DeploymentResult(DeploymentOutcome.FAILED, message);
  }
}
