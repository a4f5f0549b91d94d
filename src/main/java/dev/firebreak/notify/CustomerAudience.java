package dev.firebreak.notify;

import java.util.List;

/**
 * Port: the customers who asked to hear about the status page's components by e-mail (issue 17.4's
 * apology reaches them). Owned here, below the features that use it; the status page implements it
 * with its confirmed e-mail subscribers (a subscription covers every component of the page).
 */
public interface CustomerAudience {

  /** One subscriber: address and the link that ends the subscription. */
  record Subscriber(String address, String unsubscribeUrl) {
  }

  /** The confirmed e-mail subscribers who follow the component (every one of them, today). */
  List<Subscriber> emailSubscribers(String component);
}
