package dev.firebreak.notify.slack;

/**
 * Slack refused the call ({@code "ok": false}, or a 4xx other than 429), e.g. {@code invalid_auth},
 * {@code channel_not_found}, {@code missing_scope}. The job fails (a person must usually fix the
 * Slack app's configuration); it is not a circuit breaker failure.
 */
public class SlackApiError extends RuntimeException {

  private final String method;
  private final String error;

  public SlackApiError(String method, String error, String needed) {
    super("Slack refused " + method + ": " + error + (needed == null ? "" : " (the app needs scope " + needed + ")"));
    this.method = method;
    this.error = error;
  }

  public String method() {
    return method;
  }

  public String error() {
    return error;
  }
}
