package dev.firebreak.platform.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per outside system, configured under
 * resilience4j.circuitbreaker.instances.&lt;name&gt; in application.yml; metrics go to Micrometer
 * (resilience4j_circuitbreaker_* on /actuator/prometheus). When a breaker is open a call fails fast
 * with {@link OutsideSystemUnavailableException}.
 */
@Component
public class Breakers {

  /** SMTP: every e-mail Firebreak sends. */
  public static final String SMTP = "smtp";
  /** The webhooks of status page subscribers: the configuration of each endpoint's own breaker. */
  public static final String SUBSCRIBER_WEBHOOKS = "subscriber-webhooks";

  private final CircuitBreakerRegistry registry;

  public Breakers(CircuitBreakerRegistry registry) {
    this.registry = registry;
  }

  public void run(String name, String system, Runnable call) {
    call(name, system, () -> {
      call.run();
      return null;
    });
  }

  public <T> T call(String name, String system, Supplier<T> call) {
    CircuitBreaker breaker = registry.circuitBreaker(name);
    try {
      return breaker.executeSupplier(call);
    } catch (CallNotPermittedException e) {
      throw new OutsideSystemUnavailableException(name, system + " is failing: circuit breaker '" + name
          + "' is " + breaker.getState() + ", so the call was not attempted; it is retried later", e);
    }
  }

  public CircuitBreaker breaker(String name) {
    return registry.circuitBreaker(name);
  }

  /**
   * The breaker of one subscriber endpoint ({@code subscriber-webhooks:https://host:port}),
   * configured like {@code subscriber-webhooks}: every subscriber's server is an outside system of
   * its own, so one that is down never holds up the others.
   */
  public String subscriberWebhook(java.net.URI endpoint) {
    String name = SUBSCRIBER_WEBHOOKS + ":" + endpoint.getScheme() + "://" + endpoint.getHost()
        + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    if (registry.find(name).isEmpty()) {
      registry.circuitBreaker(name, registry.circuitBreaker(SUBSCRIBER_WEBHOOKS).getCircuitBreakerConfig());
    }
    return name;
  }
}
