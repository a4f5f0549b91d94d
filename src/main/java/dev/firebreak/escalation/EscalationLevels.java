package dev.firebreak.escalation;

import dev.firebreak.incident.EscalationTarget;

/** The handbook's three tiers by level, for escalations the decision table did not recommend. */
final class EscalationLevels {

  static final int HIGHEST = 3;

  static EscalationTarget target(int level) {
    return switch (level) {
      case 1 -> EscalationTarget.ON_CALL;
      case 2 -> EscalationTarget.SERVICE_TEAM;
      default -> EscalationTarget.EXECUTIVES;
    };
  }

  /** Informing leadership needs an incident manager's approval (escalation-level rules 1 and 2). */
  static boolean needsApproval(int level) {
    return level >= HIGHEST;
  }

  private EscalationLevels() {
  }
}
