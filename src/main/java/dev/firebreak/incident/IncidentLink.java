package dev.firebreak.incident;

/** A link from an incident to an outside record: a Jira issue, a Slack channel, a deployment. */
public record IncidentLink(String kind, String reference, String url) {
}
