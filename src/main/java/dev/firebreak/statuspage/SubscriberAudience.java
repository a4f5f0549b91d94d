package dev.firebreak.statuspage;

import dev.firebreak.notify.CustomerAudience;
import java.util.List;
import org.springframework.stereotype.Component;

/** The status page's confirmed e-mail subscribers as the customers an apology reaches ({@link CustomerAudience}). */
@Component
class SubscriberAudience implements CustomerAudience {

  private final Subscribers subscribers;

  SubscriberAudience(Subscribers subscribers) {
    this.subscribers = subscribers;
  }

  @Override
  public List<Subscriber> emailSubscribers(String component) {
    return subscribers.confirmedEmail();
  }
}
