package dev.firebreak.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  @Test
  void aShortLimitIsWaitedOutAndALongOneAnsweredAtOnceWithTheTimeLeft() throws Exception {
    RateLimits limits = new RateLimits(Duration.ofSeconds(2));
    assertThat(limits.await("chat.postMessage")).as("nothing holds the key").isNull();

    limits.limited("chat.postMessage", Duration.ofMillis(300));
    long started = System.nanoTime();
    assertThat(limits.await("chat.postMessage")).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(limits.await("chat.postMessage")).as("waited out, gone").isNull();

    limits.limited("https://teams.example/workflow", Duration.ofSeconds(40));
    started = System.nanoTime();
    assertThat(limits.await("https://teams.example/workflow")).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(41));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting").isLessThan(Duration.ofSeconds(1));
    assertThat(limits.await("chat.update")).as("another key is free").isNull();
  }

  @Test
  void retryAfterIsReadInSecondsWithTheDefaultForNothingOrNonsense() {
    assertThat(RateLimits.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(RateLimits.retryAfter("0")).isEqualTo(Duration.ofSeconds(1));
    assertThat(RateLimits.retryAfter(null)).isEqualTo(RateLimits.DEFAULT_RETRY_AFTER);
    assertThat(RateLimits.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isEqualTo(RateLimits.DEFAULT_RETRY_AFTER);
  }
}
