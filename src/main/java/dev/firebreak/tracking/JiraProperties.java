package dev.firebreak.tracking;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** firebreak.jira.*: the Jira that mirrors incidents. Unset base-url → issues are only recorded. */
@ConfigurationProperties("firebreak.jira")
public class JiraProperties {

  private String baseUrl = "";
  private String projectKey = "INC";
  private String issueType = "Incident";
  private String actionItemIssueType = "Task";
  /** 3 for Jira Cloud (ADF descriptions), 2 for Jira Data Center / Server (plain text). */
  private int apiVersion = 3;
  /** Jira Cloud: Basic e-mail + API token. */
  private String email = "";
  private String apiToken = "";
  /** Jira Data Center: Bearer personal access token. */
  private String personalAccessToken = "";
  /** Shared secret Jira's webhook sends (header X-Firebreak-Webhook-Secret or ?secret=). */
  private String webhookSecret = "";
  /**
   * Transitions (by transition name or target status name, case-insensitive, first match wins) that
   * resolve the incident's issue; when none is offered, any transition into the "done" category.
   */
  private List<String> resolveTransitions = new ArrayList<>(List.of("Resolve Issue", "Resolve", "Done"));
  /** Transitions that close the incident's issue once the incident is closed; same fallback. */
  private List<String> closeTransitions = new ArrayList<>(List.of("Close Issue", "Close", "Done"));
  /** Resolution set when the transition's screen asks for one (Data Center "Resolve Issue"). */
  private String resolution = "Done";
  /** Link type between an action item issue and the incident's issue. */
  private String actionItemLinkType = "Relates";

  public String getBaseUrl() { return baseUrl; }
  public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
  public String getProjectKey() { return projectKey; }
  public void setProjectKey(String projectKey) { this.projectKey = projectKey; }
  public String getIssueType() { return issueType; }
  public void setIssueType(String issueType) { this.issueType = issueType; }
  public String getActionItemIssueType() { return actionItemIssueType; }
  public void setActionItemIssueType(String actionItemIssueType) { this.actionItemIssueType = actionItemIssueType; }
  public int getApiVersion() { return apiVersion; }
  public void setApiVersion(int apiVersion) { this.apiVersion = apiVersion; }
  public String getEmail() { return email; }
  public void setEmail(String email) { this.email = email; }
  public String getApiToken() { return apiToken; }
  public void setApiToken(String apiToken) { this.apiToken = apiToken; }
  public String getPersonalAccessToken() { return personalAccessToken; }
  public void setPersonalAccessToken(String personalAccessToken) { this.personalAccessToken = personalAccessToken; }
  public String getWebhookSecret() { return webhookSecret; }
  public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
  public List<String> getResolveTransitions() { return resolveTransitions; }
  public void setResolveTransitions(List<String> resolveTransitions) { this.resolveTransitions = resolveTransitions; }
  public List<String> getCloseTransitions() { return closeTransitions; }
  public void setCloseTransitions(List<String> closeTransitions) { this.closeTransitions = closeTransitions; }
  public String getResolution() { return resolution; }
  public void setResolution(String resolution) { this.resolution = resolution; }
  public String getActionItemLinkType() { return actionItemLinkType; }
  public void setActionItemLinkType(String actionItemLinkType) { this.actionItemLinkType = actionItemLinkType; }
}
