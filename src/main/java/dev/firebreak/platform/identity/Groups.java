package dev.firebreak.platform.identity;

import java.util.List;

/** The Camunda groups of DESIGN.md's role table. */
public final class Groups {

  public static final String RESPONDERS = "responders";
  public static final String INCIDENT_MANAGERS = "incident-managers";
  public static final String EXECUTIVES = "executives";
  public static final String COMMUNICATIONS = "communications";
  public static final String AUDITORS = "auditors";
  public static final String PROCESS_OWNERS = "process-owners";
  public static final String CAMUNDA_ADMIN = "camunda-admin";
  /** The customer support centre: reads the support briefings (/support) and nothing in Camunda. */
  public static final String SUPPORT = "support";
  public static final String TEAM_PREFIX = "team-";

  public static final List<String> ROLES = List.of(RESPONDERS, INCIDENT_MANAGERS, EXECUTIVES,
      COMMUNICATIONS, AUDITORS, PROCESS_OWNERS, CAMUNDA_ADMIN, SUPPORT);

  private Groups() {
  }

  /**
   * Whether a member of this group works incidents (and so may write on them: timeline notes,
   * comments): every role but auditors and process owners, who read only.
   */
  public static boolean worksIncidents(String group) {
    return group.equals(RESPONDERS) || group.equals(INCIDENT_MANAGERS) || group.equals(EXECUTIVES)
        || group.equals(COMMUNICATIONS) || group.equals(CAMUNDA_ADMIN) || group.startsWith(TEAM_PREFIX);
  }

  /**
   * Whether the caller steers an incident's response (asks for escalation, changes its severity):
   * responders, incident managers and administrators.
   */
  public static boolean steersResponse(org.springframework.security.core.Authentication user) {
    return user != null && of(user).stream()
        .anyMatch(g -> g.equals(RESPONDERS) || g.equals(INCIDENT_MANAGERS) || g.equals(CAMUNDA_ADMIN));
  }

  /** The groups of a Spring Security authentication of Firebreak's API (authorities GROUP_&lt;id&gt;). */
  public static java.util.List<String> of(org.springframework.security.core.Authentication authentication) {
    if (authentication == null) {
      return List.of();
    }
    return authentication.getAuthorities().stream().map(Object::toString)
        .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length())).toList();
  }

  public static String team(String service) {
    return TEAM_PREFIX + service;
  }
}
