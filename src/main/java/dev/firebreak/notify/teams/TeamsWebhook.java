package dev.firebreak.notify.teams;

import dev.firebreak.platform.resilience.RateLimits;

import dev.firebreak.platform.resilience.Breakers;
import dev.firebreak.platform.resilience.OutsideSystemUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * POSTs a message to a Teams Workflows webhook behind the "teams" circuit breaker. Teams answers
 * 202 Accepted (the flow runs afterwards). A 429's Retry-After is honoured per webhook: waited out
 * once when short, otherwise {@link TeamsRateLimitedException}; 5xx and I/O errors
 * {@link TeamsUnavailableException}; other 4xx {@link TeamsWebhookRefusedException}; an open
 * circuit {@link OutsideSystemUnavailableException}. Every failure is an exception the job lets
 * through, so Camunda retries it. Webhook URLs carry their signature: they are never logged or
 * put in an error, only the channel they stand for.
 */
@Component
@Conditional(TeamsConfigured.class)
class TeamsWebhook {

  static final String CIRCUIT_BREAKER = "teams";
  private static final Duration DEFAULT_RETRY_AFTER = RateLimits.DEFAULT_RETRY_AFTER;

  private final Breakers breakers;
  private final Duration timeout;
  private final Duration maxRateLimitWait;
  private final HttpClient http;
  private final RateLimits rateLimits;

  TeamsWebhook(Breakers breakers, TeamsProperties properties) {
    this.breakers = breakers;
    this.timeout = properties.getTimeout();
    this.maxRateLimitWait = properties.getMaxRateLimitWait();
    this.rateLimits = new RateLimits(maxRateLimitWait);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.getTimeout()).build();
  }

  /** Posts {@code body} (JSON) to {@code url}, which stands for Firebreak's {@code channel}. */
  void post(String channel, String url, String body) {
    for (int attempt = 0; ; attempt++) {
      awaitRateLimit(channel, url);
      try {
        breakers.run(CIRCUIT_BREAKER, "Teams (" + channel + ")", () -> once(channel, url, body));
        return;
      } catch (TeamsRateLimitedException e) {
        if (attempt > 0 || e.retryAfter().compareTo(maxRateLimitWait) > 0) {
          throw e;
        }
      }
    }
  }

  private void once(String channel, String url, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TeamsUnavailableException("Teams could not be reached for " + channel + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TeamsUnavailableException("Interrupted while posting to Teams (" + channel + ")", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    if (status == 429) {
      Duration retryAfter = RateLimits.retryAfter(response.headers().firstValue("Retry-After").orElse(null));
      rateLimits.limited(url, retryAfter);
      throw new TeamsRateLimitedException(channel, retryAfter);
    }
    if (status >= 500) {
      throw new TeamsUnavailableException("Teams answered the webhook of " + channel + " with HTTP " + status, null);
    }
    throw new TeamsWebhookRefusedException("The Teams webhook of " + channel + " refused the card: HTTP " + status
        + " " + abbreviate(response.body()));
  }

  /** Waits out a short rate limit of this webhook; a long one fails now without calling Teams. */
  private void awaitRateLimit(String channel, String url) {
    Duration tooLong;
    try {
      tooLong = rateLimits.await(url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TeamsUnavailableException("Interrupted while waiting out Teams' rate limit of " + channel, e);
    }
    if (tooLong != null) {
      throw new TeamsRateLimitedException(channel, tooLong);
    }
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
