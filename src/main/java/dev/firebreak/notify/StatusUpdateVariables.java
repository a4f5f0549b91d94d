package dev.firebreak.notify;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/**
 * Variables of the public notices in incident.bpmn (Tell customers at once, Keep stakeholders
 * informed: Draft public notice, Approve public notice, Publish status update).
 */
public final class StatusUpdateVariables {

  public static final ChoiceVariable<NoticePhase> STATUS_PHASE = ChoiceVariable.of("statusPhase", NoticePhase.class);
  public static final ProcessVariable<String> STATUS_MESSAGE = string("statusMessage");
  /**
   * The incident's public title (status page, feed, summary.json, subscriber notices): drafted from
   * the notice template of the incident type, never the internal title unless communications type it.
   */
  public static final ProcessVariable<String> PUBLIC_TITLE = string("publicTitle");
  /** publish (the default of every draft) or hold. */
  public static final ChoiceVariable<NoticeDecision> NOTICE_DECISION =
      ChoiceVariable.of("noticeDecision", NoticeDecision.class);
  /** Why communications hold the notice (required with hold; on the timeline). */
  public static final ProcessVariable<String> HOLD_REASON = string("holdReason");
  /**
   * Whether *Publish status update* also posts the update in the incident's channels and on its Jira
   * issue (default true). The first notice, published moments after the declaration, sets it false
   * (an input parameter): *Post to incident channel* is creating the channel and its card at that
   * moment, and a second Slack job then would only race it; the card shows the incident already.
   */
  public static final ProcessVariable<Boolean> ANNOUNCE_IN_CHANNELS = bool("announceInChannels");

  /**
   * The social post drafted with the notice (issue 17.3: the notice's title, text and the status page
   * link within the channel's length limit, firebreak.social.mastodon.max-length); communications
   * edit it in *Approve public notice*.
   */
  public static final ProcessVariable<String> SOCIAL_POST = string("socialPost");
  /** Whether communications approved the social post (default false); posted to Mastodon when configured. */
  public static final ProcessVariable<Boolean> POST_TO_SOCIAL = bool("postToSocial");

  private StatusUpdateVariables() {
  }
}
