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
  public static final String TEAM_PREFIX = "team-";

  public static final List<String> ROLES = List.of(RESPONDERS, INCIDENT_MANAGERS, EXECUTIVES,
      COMMUNICATIONS, AUDITORS, PROCESS_OWNERS, CAMUNDA_ADMIN);

  private Groups() {
  }

  public static String team(String service) {
    return TEAM_PREFIX + service;
  }
}
