package dev.firebreak.notify.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * firebreak.slack.*: the real Slack adapter is used when {@code bot-token} is set; the Slack
 * buttons work when {@code signing-secret} is set. Documented in README.md ("Configuration").
 */
@ConfigurationProperties("firebreak.slack")
public class SlackProperties {

  /** The bot user OAuth token (xoxb-...). Empty: Slack messages are recorded on the timeline, not sent. */
  private String botToken = "";
  /** The app's signing secret; POST /api/slack/interactions refuses everything while it is empty. */
  private String signingSecret = "";
  /** Where Slack's Web API lives; tests point it at a fake. Must end with a slash. */
  private String methodsEndpointUrlPrefix = "https://slack.com/api/";
  /** Timeout of one Slack API call. */
  private Duration timeout = Duration.ofSeconds(10);
  /** A 429 whose Retry-After is at most this long is waited out in the job; longer ones fail the job to retry later. */
  private Duration maxRateLimitWait = Duration.ofSeconds(3);
  /** Camunda groups whose members are invited (by e-mail) to each incident channel, besides the commander. */
  private List<String> inviteGroups = new ArrayList<>(List.of("responders"));

  public String getBotToken() {
    return botToken;
  }

  public void setBotToken(String botToken) {
    this.botToken = botToken;
  }

  public String getSigningSecret() {
    return signingSecret;
  }

  public void setSigningSecret(String signingSecret) {
    this.signingSecret = signingSecret;
  }

  public String getMethodsEndpointUrlPrefix() {
    return methodsEndpointUrlPrefix;
  }

  public void setMethodsEndpointUrlPrefix(String methodsEndpointUrlPrefix) {
    this.methodsEndpointUrlPrefix = methodsEndpointUrlPrefix.endsWith("/")
        ? methodsEndpointUrlPrefix : methodsEndpointUrlPrefix + "/";
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration getMaxRateLimitWait() {
    return maxRateLimitWait;
  }

  public void setMaxRateLimitWait(Duration maxRateLimitWait) {
    this.maxRateLimitWait = maxRateLimitWait;
  }

  public List<String> getInviteGroups() {
    return inviteGroups;
  }

  public void setInviteGroups(List<String> inviteGroups) {
    this.inviteGroups = inviteGroups;
  }
}
