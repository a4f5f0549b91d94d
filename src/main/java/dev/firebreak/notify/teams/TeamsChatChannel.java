package dev.firebreak.notify.teams;

import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.ChatChannel;
import dev.firebreak.notify.ChatMessage;
import dev.firebreak.notify.NotifyProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The real Teams adapter: Adaptive Cards through Teams Workflows webhooks, one webhook per
 * Firebreak channel ({@link TeamsProperties}). A Workflows webhook can only post, never edit or
 * read back, so where Slack keeps one card up to date, Teams gets the incident's card once per
 * channel and then a follow-up card for each later event, each naming the card it follows. An event
 * is the message's words: one card per incident, channel and event (table teams_delivery, V30),
 * so a retried job, two nodes running the same job, or an update that changes nothing the card
 * says never post again; and a follow-up never comes before the incident's card. Every failure is
 * an exception the job lets through (Camunda retries it by the task's retry cycle, beside Triage);
 * the recorded event stays until Teams accepts it. Drills go to the drill channel's webhook only.
 */
@Component
@Conditional(TeamsConfigured.class)
class TeamsChatChannel implements ChatChannel {

  /** An attempt's claim on a card lasts the webhook timeout and this much more. */
  private static final Duration CLAIM_SLACK = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(TeamsChatChannel.class);

  private final TeamsWebhook webhook;
  private final TeamsDeliveries deliveries;
  private final TeamsIncidentCard card;
  private final Incidents incidents;
  private final TeamsProperties properties;
  private final NotifyProperties notify;

  TeamsChatChannel(TeamsWebhook webhook, TeamsDeliveries deliveries, TeamsIncidentCard card, Incidents incidents,
      TeamsProperties properties, NotifyProperties notify) {
    this.webhook = webhook;
    this.deliveries = deliveries;
    this.card = card;
    this.incidents = incidents;
    this.properties = properties;
    this.notify = notify;
  }

  /** Whether this Firebreak channel goes to Teams: its webhook is set. */
  boolean serves(ChatMessage message) {
    return webhookFor(message.channel(), message.incidentKey()).isPresent();
  }

  /**
   * The webhook standing for a Firebreak channel: the drill channel's, the central channel's, or
   * the incidents' own channels' (#inc-2026-0042). Empty: not a Teams channel.
   */
  Optional<String> webhookFor(String channel, String incidentKey) {
    String url = "";
    if (channel.equalsIgnoreCase(notify.getDrillChannel())) {
      url = properties.getDrillWebhook();
    } else if (channel.equalsIgnoreCase(notify.getCentralChannel())) {
      url = properties.getCentralWebhook();
    } else if (isIncidentChannel(channel, incidentKey)) {
      url = properties.getIncidentWebhook();
    }
    return url.isBlank() ? Optional.empty() : Optional.of(url);
  }

  @Override
  public void post(ChatMessage message) {
    deliver(message, TeamsDeliveries.Kind.CARD);
  }

  /** An alert update post: a follow-up card of its own (Teams has no card to redraw). */
  @Override
  public void postMessage(ChatMessage message) {
    deliver(message, TeamsDeliveries.Kind.MESSAGE);
  }

  private void deliver(ChatMessage message, TeamsDeliveries.Kind kind) {
    IncidentRecord incident = incidents.require(message.incidentKey());
    String channel = message.channel();
    if ((incident.drill() || message.drill()) && !channel.equalsIgnoreCase(notify.getDrillChannel())) {
      // never reached through Notices (drills post to the drill channel only); a guard all the same
      incidents.note(incident.key(), null, TimelineEntry.Kind.NOTIFICATION,
          incidents.words().get("teams.drillRefused", channel), Map.of("channel", channel, "drill", true,
              "delivered", false));
      return;
    }
    String url = webhookFor(channel, incident.key()).orElseThrow(() -> new IllegalArgumentException(
        "No Teams webhook for " + channel));
    if (channel.equalsIgnoreCase(notify.getCentralChannel()) && url.equals(properties.getIncidentWebhook())) {
      // the central and the incidents' channel are one Teams channel: the incident's cards are there already
      return;
    }
    String eventKey = TeamsDeliveries.eventKey(kind, message.text());
    TeamsDeliveries.Delivery claimed = claim(incident, channel, eventKey, kind, message.text());
    if (claimed == null) {
      return; // posted already
    }
    if (claimed.seq() > 0) {
      firstCardFirst(incident, channel, url, claimed);
    }
    send(incident, channel, url, claimed);
  }

  /**
   * This attempt's claim on the event's card, or null when it was posted already. Waits while
   * another attempt is posting it; past the claim's lease, fails to be retried.
   */
  private TeamsDeliveries.Delivery claim(IncidentRecord incident, String channel, String eventKey,
      TeamsDeliveries.Kind kind, String text) {
    Instant waitUntil = Instant.now().plus(lease());
    while (true) {
      Optional<TeamsDeliveries.Delivery> known = deliveries.find(incident.key(), channel, eventKey);
      if (known.isEmpty()) {
        Optional<TeamsDeliveries.Delivery> recorded = deliveries.record(incident.key(), channel, eventKey, kind, text);
        if (recorded.isPresent()) {
          return recorded.get();
        }
        continue;
      }
      TeamsDeliveries.Delivery delivery = known.get();
      if (delivery.posted()) {
        return null;
      }
      if (!deliveries.inFlight(delivery, lease()) && deliveries.reclaim(delivery, lease())) {
        return deliveries.find(incident.key(), channel, eventKey).orElseThrow();
      }
      waitOrGiveUp(waitUntil, "The Teams card of " + incident.key() + " in " + channel
          + " is being posted by another attempt; retrying later");
    }
  }

  /** A follow-up never comes before the incident's card: an unposted first card is posted now (or waited for). */
  private void firstCardFirst(IncidentRecord incident, String channel, String url, TeamsDeliveries.Delivery followUp) {
    Instant waitUntil = Instant.now().plus(lease());
    while (true) {
      TeamsDeliveries.Delivery first = deliveries.first(incident.key(), channel).orElse(null);
      if (first == null || first.posted()) {
        return;
      }
      if (!deliveries.inFlight(first, lease()) && deliveries.reclaim(first, lease())) {
        try {
          send(incident, channel, url, deliveries.first(incident.key(), channel).orElseThrow());
        } catch (RuntimeException e) {
          deliveries.failed(followUp);
          throw e;
        }
        return;
      }
      if (Instant.now().isAfter(waitUntil)) {
        deliveries.failed(followUp);
      }
      waitOrGiveUp(waitUntil, "The first Teams card of " + incident.key() + " in " + channel
          + " is being posted by another attempt; its follow-up is retried later");
    }
  }

  /** Posts a claimed card; whatever goes wrong, the claim is released for the next attempt. */
  private void send(IncidentRecord incident, String channel, String url, TeamsDeliveries.Delivery delivery) {
    Instant firstPostedAt = delivery.seq() == 0 ? null
        : deliveries.first(incident.key(), channel).map(TeamsDeliveries.Delivery::postedAt).orElse(null);
    String body = card.message(incident, delivery.text(), delivery.seq(), firstPostedAt);
    try {
      webhook.post(channel, url, body);
    } catch (RuntimeException e) {
      // refused, rate-limited, circuit open: surely not posted. A 5xx or a timeout: Teams may have
      // posted it all the same; a webhook offers no way to look, so the retry posts it again.
      deliveries.failed(delivery);
      throw e;
    }
    deliveries.posted(delivery);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("channel", channel);
    details.put("chat", "teams");
    details.put("card", delivery.seq());
    details.put("drill", incident.drill());
    details.put("delivered", true);
    incidents.note(incident.key(), null, TimelineEntry.Kind.NOTIFICATION, incidents.words().get(
        delivery.seq() == 0 ? "teams.card.posted" : "teams.followUp.posted", channel, delivery.seq(), delivery.text()),
        details);
    log.debug("Teams card {} of {} posted to {}", delivery.seq(), incident.key(), channel);
  }

  private Duration lease() {
    return properties.getTimeout().plus(CLAIM_SLACK);
  }

  private static void waitOrGiveUp(Instant waitUntil, String message) {
    if (Instant.now().isAfter(waitUntil)) {
      throw new TeamsUnavailableException(message, null);
    }
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TeamsUnavailableException(message, e);
    }
  }

  private static boolean isIncidentChannel(String channel, String incidentKey) {
    return incidentKey != null && (channel.equalsIgnoreCase("#" + incidentKey) || channel.equalsIgnoreCase(incidentKey));
  }
}
