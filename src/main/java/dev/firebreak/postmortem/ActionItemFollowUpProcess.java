package dev.firebreak.postmortem;

import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.platform.process.ProcessVariable;

/**
 * The contract of processes/action-item-follow-up.bpmn: started by the approved post-mortem (business
 * key = incident key), it waits for each action item's issue to reach Jira's "done" category.
 */
public final class ActionItemFollowUpProcess {

  public static final String ID = "action-item-follow-up";

  /** An action item's issue reached the "done" category; correlated by business key and {@link #ACTION_ITEM_KEY}. */
  public static final String MESSAGE_ACTION_ITEM_DONE = "ActionItemDone";

  /**
   * The tracker key of one action item: the element variable of Follow up action item, and the
   * local variable of Await action item done that the message names.
   */
  public static final ProcessVariable<String> ACTION_ITEM_KEY = string("actionItemKey");

  /** Element ids that code and tests refer to. */
  public static final class Elements {
    public static final String FOLLOW_UP_ACTION_ITEM = "FollowUpActionItem";
    public static final String AWAIT_ACTION_ITEM_DONE = "AwaitActionItemDone";
    public static final String ACTION_ITEM_DUE = "ActionItemDue";
    public static final String REMIND_OWNER = "RemindActionItemOwner";
    public static final String NOTE_ACTION_ITEMS_DONE = "NoteActionItemsDone";
    public static final String END_ALL_DONE = "End_ActionItemsDone";

    private Elements() {
    }
  }

  private ActionItemFollowUpProcess() {
  }
}
