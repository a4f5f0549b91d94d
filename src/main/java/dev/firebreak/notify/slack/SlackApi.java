package dev.firebreak.notify.slack;

import dev.firebreak.platform.resilience.RateLimits;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.firebreak.platform.resilience.Breakers;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import java.io.IOException;
import java.time.Duration;

/**
 * Slack's Web API as Firebreak calls it: the SDK (stats off, configurable endpoint) behind the
 * "slack" circuit breaker, with 429 Retry-After honoured per method. Every failure is an exception
 * the job lets through, so Camunda retries it with the task's retry cycle.
 */
@Component
@ConditionalOnExpression("!'${firebreak.slack.bot-token:}'.isBlank()")
public class SlackApi {

  /** One call of the SDK's methods client. */
  @FunctionalInterface
  public interface Call<T> {
    T call(MethodsClient methods) throws IOException, SlackApiException;
  }

  static final String CIRCUIT_BREAKER = "slack";
  private static final Duration DEFAULT_RETRY_AFTER = RateLimits.DEFAULT_RETRY_AFTER;

  private final MethodsClient methods;
  private final Breakers breakers;
  private final Duration maxRateLimitWait;
  private final RateLimits rateLimits;

  SlackApi(SlackProperties properties, Breakers breakers) {
    SlackConfig config = new SlackConfig();
    // otherwise the SDK calls auth.test first and keeps statistics nobody reads
    config.setStatsEnabled(false);
    config.setMethodsEndpointUrlPrefix(properties.getMethodsEndpointUrlPrefix());
    int timeout = Math.toIntExact(properties.getTimeout().toMillis());
    config.setHttpClientReadTimeoutMillis(timeout);
    config.setHttpClientWriteTimeoutMillis(timeout);
    config.setHttpClientCallTimeoutMillis(timeout);
    this.methods = Slack.getInstance(config).methods(properties.getBotToken());
    this.breakers = breakers;
    this.maxRateLimitWait = properties.getMaxRateLimitWait();
    this.rateLimits = new RateLimits(maxRateLimitWait);
  }

  /**
   * Calls {@code method}. A 429 whose Retry-After fits in max-rate-limit-wait is waited out once;
   * otherwise {@link SlackRateLimitedException}. 5xx and I/O errors: {@link SlackUnavailableException};
   * an open circuit: {@link OutsideSystemUnavailableException}. {@code "ok": false}: {@link SlackApiError}.
   */
  public <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    for (int attempt = 0; ; attempt++) {
      awaitRateLimit(method);
      try {
        return breakers.call(CIRCUIT_BREAKER, "Slack (" + method + ")", () -> once(method, call));
      } catch (SlackRateLimitedException e) {
        if (attempt > 0 || e.retryAfter().compareTo(maxRateLimitWait) > 0) {
          throw e;
        }
      }
    }
  }

  private <T extends SlackApiTextResponse> T once(String method, Call<T> call) {
    T response;
    try {
      response = call.call(methods);
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429) {
        Duration retryAfter = RateLimits.retryAfter(e.getResponse().header("Retry-After"));
        rateLimits.limited(method, retryAfter);
        throw new SlackRateLimitedException(method, retryAfter);
      }
      if (status >= 500) {
        throw new SlackUnavailableException("Slack answered " + method + " with HTTP " + status, e);
      }
      throw new SlackApiError(method, "HTTP " + status + " " + abbreviate(e.getResponseBody()), null);
    } catch (IOException e) {
      throw new SlackUnavailableException("Slack could not be reached for " + method + ": " + e.getMessage(), e);
    }
    if (!response.isOk()) {
      if ("ratelimited".equals(response.getError())) {
        rateLimits.limited(method, DEFAULT_RETRY_AFTER);
        throw new SlackRateLimitedException(method, DEFAULT_RETRY_AFTER);
      }
      throw new SlackApiError(method, response.getError(), response.getNeeded());
    }
    return response;
  }

  /** Waits out a short rate limit of this method; a long one fails now without calling Slack. */
  private void awaitRateLimit(String method) {
    Duration tooLong;
    try {
      tooLong = rateLimits.await(method);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackUnavailableException("Interrupted while waiting out Slack's rate limit of " + method, e);
    }
    if (tooLong != null) {
      throw new SlackRateLimitedException(method, tooLong);
    }
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
