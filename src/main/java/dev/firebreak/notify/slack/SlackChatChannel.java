package dev.firebreak.notify.slack;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import dev.firebreak.incident.IncidentLink;
import dev.firebreak.incident.IncidentRecord;
import dev.firebreak.incident.Incidents;
import dev.firebreak.incident.TimelineEntry;
import dev.firebreak.notify.ChatChannel;
import dev.firebreak.notify.ChatMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real chat adapter. Every message about an incident keeps one Block Kit card per channel up to
 * date: the first message posts it (chat.postMessage), later ones edit it (chat.update), so a
 * channel shows each incident once, in its current state, and a retried job never posts twice.
 * The incident's own channel ({@code #inc-2026-0042} in {@link ChatMessage#channel()}) is created
 * on first use as {@code inc-2026-0042-<title>} and the responders and the commander are invited,
 * found by e-mail (users.lookupByEmail).
 */
/* Used when firebreak.slack.bot-token is set; otherwise RecordingChannels' recording adapter is the default. */
@Component
@ConditionalOnExpression("!'${firebreak.slack.bot-token:}'.isBlank()")
class SlackChatChannel implements ChatChannel {

  static final String CHANNEL_LINK_KIND = "slack-channel";
  /** The metadata event type of Firebreak's card posts; its payload names the post's marker and incident. */
  static final String POST_EVENT_TYPE = "firebreak_post";
  /** How far before an unfinished attempt, and how many pages, the channel history is searched. */
  private static final Duration HISTORY_WINDOW = Duration.ofMinutes(10);
  private static final int HISTORY_PAGES = 5;
  /** An attempt's claim on a card's post lasts the Slack timeout and this much more. */
  private static final Duration CLAIM_SLACK = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(SlackChatChannel.class);

  private final SlackApi slack;
  private final SlackDeliveries deliveries;
  private final SlackIncidentCard card;
  private final Incidents incidents;
  private final IdentityService identity;
  private final SlackProperties properties;

  SlackChatChannel(SlackApi slack, SlackDeliveries deliveries, SlackIncidentCard card, Incidents incidents,
      @Lazy IdentityService identity, SlackProperties properties) {
    this.slack = slack;
    this.deliveries = deliveries;
    this.card = card;
    this.incidents = incidents;
    this.identity = identity;
    this.properties = properties;
  }

  @Override
  public void post(ChatMessage message) {
    IncidentRecord incident = incidents.require(message.incidentKey());
    String channel = message.channel();
    SlackDeliveries.Delivery delivery = deliveries.find(incident.key(), channel).orElse(null);
    String target = channel;
    if (isIncidentChannel(incident, channel)) {
      if (delivery == null || delivery.channelId() == null) {
        delivery = createChannel(incident, channel);
      }
      invite(incident, delivery);
      target = delivery.channelId();
    } else if (delivery != null && delivery.channelId() != null) {
      target = delivery.channelId();
    }
    List<LayoutBlock> blocks = card.blocks(incident, message.text());
    String text = message.text();
    Instant waitUntil = Instant.now().plus(properties.getTimeout()).plus(CLAIM_SLACK);
    while (true) {
      if (delivery != null && delivery.messageTs() != null) {
        if (update(incident, channel, delivery, text, blocks)) {
          return;
        }
        delivery = deliveries.find(incident.key(), channel).orElse(null);
        continue;
      }
      boolean inFlight = delivery != null && deliveries.postingInFlight(delivery, properties.getTimeout().plus(CLAIM_SLACK));
      String earlierMarker = delivery == null ? null : delivery.postingMarker();
      if (!inFlight) {
        if (earlierMarker != null) {
          // an earlier attempt posted (or tried to) and died before it could save the answer
          Optional<Message> earlier = findPosted(incident, target, delivery);
          if (earlier.isPresent()) {
            adopt(incident, channel, delivery, earlier.get(), target, text, blocks);
            return;
          }
        }
        String marker = UUID.randomUUID().toString();
        if (deliveries.claimPosting(incident.key(), channel, earlierMarker, marker)) {
          postCard(incident, channel, target, marker, text, blocks);
          return;
        }
      }
      // another attempt (a concurrent job of this incident) is posting the card: wait for its answer
      if (Instant.now().isAfter(waitUntil)) {
        throw new SlackUnavailableException("The Slack card of " + incident.key() + " in " + channel
            + " is being posted by another attempt; retrying later", null);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SlackUnavailableException("Interrupted while waiting for the Slack card of " + incident.key(), e);
      }
      delivery = deliveries.find(incident.key(), channel).orElse(null);
    }
  }

  /** Updates the card in place; false when it was deleted in Slack (forgotten, so the caller posts anew). */
  private boolean update(IncidentRecord incident, String channel, SlackDeliveries.Delivery known, String text,
      List<LayoutBlock> blocks) {
    try {
      slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(known.channelId()).ts(known.messageTs())
          .text(text).blocks(blocks)));
      deliveries.saveText(incident.key(), channel, text);
      note(incident, incidents.words().get("slack.card.updated", channel, text), channel, known.channelId(), known.messageTs());
      return true;
    } catch (SlackApiError e) {
      if (!"message_not_found".equals(e.error())) {
        throw e;
      }
      log.info("The Slack card of {} in {} was deleted; posting a new one", incident.key(), channel);
      deliveries.forgetMessage(incident.key(), channel);
      return false;
    }
  }

  private void adopt(IncidentRecord incident, String channel, SlackDeliveries.Delivery delivery, Message earlier,
      String target, String text, List<LayoutBlock> blocks) {
    String channelId = earlier.getChannel() != null ? earlier.getChannel()
        : delivery.channelId() != null ? delivery.channelId() : resolved(target);
    String ts = earlier.getTs();
    log.info("The Slack card of {} in {} was posted by an attempt that did not finish; adopting {}",
        incident.key(), channel, ts);
    slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(channelId).ts(ts).text(text).blocks(blocks)));
    deliveries.saveMessage(incident.key(), channel, channelId, ts, text);
    note(incident, incidents.words().get("slack.card.posted", channel, text), channel, channelId, ts);
  }

  private void postCard(IncidentRecord incident, String channel, String target, String marker, String text,
      List<LayoutBlock> blocks) {
    Message.Metadata metadata = Message.Metadata.builder().eventType(POST_EVENT_TYPE)
        .eventPayload(Map.of("marker", marker, "incident", incident.key())).build();
    ChatPostMessageResponse posted;
    try {
      posted = slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(target)
          .text(text).blocks(blocks).metadata(metadata).unfurlLinks(false).unfurlMedia(false)));
    } catch (RuntimeException e) {
      deliveries.endPosting(incident.key(), channel, marker, e instanceof SlackUnavailableException,
          properties.getTimeout().plus(CLAIM_SLACK));
      throw e;
    }
    deliveries.saveMessage(incident.key(), channel, posted.getChannel(), posted.getTs(), text);
    note(incident, incidents.words().get("slack.card.posted", channel, text), channel, posted.getChannel(), posted.getTs());
  }

  /**
   * The card an unfinished attempt posted: the message in the channel's recent history (from a few
   * minutes before the attempt) whose metadata carries the attempt's marker. When the history cannot
   * be read (no channels:history scope, the bot not in the channel), the card is posted again.
   */
  private Optional<Message> findPosted(IncidentRecord incident, String postTo, SlackDeliveries.Delivery delivery) {
    String channelId = delivery.channelId() != null ? delivery.channelId() : resolved(postTo);
    if (channelId == null) {
      return Optional.empty();
    }
    Instant since = (delivery.postingAt() == null ? Instant.now() : delivery.postingAt()).minus(HISTORY_WINDOW);
    String oldest = since.getEpochSecond() + ".000000";
    try {
      String cursor = null;
      for (int page = 0; page < HISTORY_PAGES; page++) {
        String from = cursor;
        ConversationsHistoryResponse history = slack.call("conversations.history", m -> m.conversationsHistory(r -> r
            .channel(channelId).oldest(oldest).includeAllMetadata(true).limit(200).cursor(from)));
        for (Message message : Optional.ofNullable(history.getMessages()).orElse(List.of())) {
          Message.Metadata found = message.getMetadata();
          if (found != null && POST_EVENT_TYPE.equals(found.getEventType()) && found.getEventPayload() != null
              && delivery.postingMarker().equals(found.getEventPayload().get("marker"))) {
            if (message.getChannel() == null) {
              message.setChannel(channelId);
            }
            return Optional.of(message);
          }
        }
        cursor = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
        if (!history.isHasMore() || cursor == null || cursor.isBlank()) {
          break;
        }
      }
    } catch (SlackApiError e) {
      log.warn("Could not read the history of {} to find the card of {} an earlier attempt may have posted ({}); posting it",
          postTo, incident.key(), e.getMessage());
    }
    return Optional.empty();
  }

  /** A channel id for a target that is a channel id or a #name (the central and drill channels). */
  private String resolved(String target) {
    if (!target.startsWith("#")) {
      return target;
    }
    try {
      return findChannel(target.substring(1)).orElse(null);
    } catch (SlackApiError e) {
      log.warn("Could not find the Slack channel {}: {}", target, e.getMessage());
      return null;
    }
  }

  /**
   * A message of its own beside the card (an alert update post): into the channel the card is in
   * (the incident's channel is created by then, with the opening announcement), never editing it.
   */
  @Override
  public void postMessage(ChatMessage message) {
    IncidentRecord incident = incidents.require(message.incidentKey());
    String channel = message.channel();
    SlackDeliveries.Delivery delivery = deliveries.find(incident.key(), channel).orElse(null);
    if (delivery == null || delivery.channelId() == null) {
      // no card yet (it was deleted, or another channel): the card first, as the channel's first message
      post(message);
      return;
    }
    String text = message.text();
    ChatPostMessageResponse posted = slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r
        .channel(delivery.channelId()).text(text).unfurlLinks(false).unfurlMedia(false)));
    note(incident, incidents.words().get("slack.message.posted", channel, text), channel, posted.getChannel(), posted.getTs());
  }

  /**
   * Redraws the incident's posted cards with its current state (e.g. after someone acknowledged it
   * in Slack), keeping each card's latest update line. Best effort: the next message redraws anyway.
   */
  void refreshCards(String incidentKey) {
    IncidentRecord incident = incidents.require(incidentKey);
    for (SlackDeliveries.Delivery card : deliveries.cards(incidentKey)) {
      List<LayoutBlock> blocks = this.card.blocks(incident, card.lastText());
      String text = card.lastText() == null ? incident.key() + " " + incident.title() : card.lastText();
      slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(card.channelId()).ts(card.messageTs())
          .text(text).blocks(blocks)));
    }
  }

  private static boolean isIncidentChannel(IncidentRecord incident, String channel) {
    return channel.equalsIgnoreCase("#" + incident.key()) || channel.equalsIgnoreCase(incident.key());
  }

  private SlackDeliveries.Delivery createChannel(IncidentRecord incident, String channel) {
    String name = SlackChannelNames.forIncident(incident.key(), incident.title(), incident.service());
    String id;
    try {
      ConversationsCreateResponse created = slack.call("conversations.create",
          m -> m.conversationsCreate(r -> r.name(name).isPrivate(false)));
      id = created.getChannel().getId();
    } catch (SlackApiError e) {
      if (!"name_taken".equals(e.error())) {
        throw e;
      }
      // created by an earlier attempt that failed before it could remember the channel
      id = findChannel(name).orElseThrow(() -> new SlackApiError("conversations.create",
          "name_taken: a channel #" + name + " exists but is archived or not visible to the bot", null));
    }
    deliveries.saveChannel(incident.key(), channel, id, name);
    incidents.link(incident.key(), new IncidentLink(CHANNEL_LINK_KIND, "#" + name,
        "https://slack.com/app_redirect?channel=" + id));
    incidents.note(incident.key(), null, TimelineEntry.Kind.NOTIFICATION, incidents.words().get("slack.channel.opened", name),
        Map.of("channel", "#" + name, "channelId", id, "delivered", true));
    return deliveries.find(incident.key(), channel).orElseThrow();
  }

  private Optional<String> findChannel(String name) {
    String cursor = null;
    do {
      String page = cursor;
      ConversationsListResponse list = slack.call("conversations.list", m -> m.conversationsList(r -> r
          .types(List.of(ConversationType.PUBLIC_CHANNEL)).excludeArchived(true).limit(1000).cursor(page)));
      for (Conversation conversation : list.getChannels()) {
        if (name.equals(conversation.getName())) {
          return Optional.of(conversation.getId());
        }
      }
      cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isBlank());
    return Optional.empty();
  }

  /**
   * Invites the responders and the commander not handled yet: each e-mail is looked up once per
   * incident (users.lookupByEmail) and remembered, whether Slack knows it or not.
   */
  private void invite(IncidentRecord incident, SlackDeliveries.Delivery delivery) {
    Set<String> emails = new LinkedHashSet<>();
    for (String group : properties.getInviteGroups()) {
      identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getEmail).forEach(emails::add);
    }
    if (incident.commander() != null) {
      Optional.ofNullable(identity.createUserQuery().userId(incident.commander()).singleResult())
          .map(User::getEmail).ifPresent(emails::add);
    }
    emails.removeIf(e -> e == null || e.isBlank());
    Set<String> handled = new LinkedHashSet<>(delivery.invited());
    emails.removeIf(e -> handled.contains(e.toLowerCase(Locale.ROOT)));
    if (emails.isEmpty()) {
      return;
    }
    List<String> toInvite = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String email : emails) {
      slackUser(email).ifPresentOrElse(toInvite::add, () -> unknown.add(email));
    }
    if (!toInvite.isEmpty()) {
      try {
        slack.call("conversations.invite", m -> m.conversationsInvite(r -> r.channel(delivery.channelId())
            .users(toInvite).force(true)));
      } catch (SlackApiError e) {
        if (!"already_in_channel".equals(e.error())) {
          throw e;
        }
      }
    }
    emails.forEach(e -> handled.add(e.toLowerCase(Locale.ROOT)));
    deliveries.saveInvited(incident.key(), delivery.channel(), handled);
    if (!unknown.isEmpty()) {
      incidents.note(incident.key(), null, TimelineEntry.Kind.NOTIFICATION,
          incidents.words().get("slack.notInvited", delivery.channelName(), String.join(", ", unknown)), Map.of("notInvited", unknown));
    }
  }

  private Optional<String> slackUser(String email) {
    try {
      UsersLookupByEmailResponse found = slack.call("users.lookupByEmail", m -> m.usersLookupByEmail(r -> r.email(email)));
      return Optional.of(found.getUser().getId());
    } catch (SlackApiError e) {
      if ("users_not_found".equals(e.error())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void note(IncidentRecord incident, String summary, String channel, String channelId, String ts) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("channel", channel);
    details.put("channelId", channelId);
    details.put("ts", ts);
    details.put("drill", incident.drill());
    details.put("delivered", true);
    incidents.note(incident.key(), null, TimelineEntry.Kind.NOTIFICATION, summary, details);
  }
}
