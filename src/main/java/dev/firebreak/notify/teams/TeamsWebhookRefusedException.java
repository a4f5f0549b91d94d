package dev.firebreak.notify.teams;

/**
 * The webhook refused the card (400 a card it cannot post, 401/403 a wrong signature, 404 the
 * workflow was deleted or turned off): nothing was posted, and retrying the same request will not
 * help until someone mends the workflow. Not counted by the breaker; the job still retries, so a
 * mended workflow gets the card.
 */
public class TeamsWebhookRefusedException extends RuntimeException {
  public TeamsWebhookRefusedException(String message) {
    super(message);
  }
}
