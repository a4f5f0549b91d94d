package dev.firebreak.recovery;

/**
 * What the deploy tool answered: its reference for the run, and whether it will report the
 * outcome to the {@code DeploymentFinished} callback (otherwise a person confirms it).
 */
public record DeploymentTicket(String reference, boolean callbackExpected, String details) {
}
