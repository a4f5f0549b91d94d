package dev.firebreak.recovery;

/** Port to the deploy tool (Argo CD, GitHub Actions). The default adapter records the request. */
public interface DeployTool {

  DeploymentTicket requestRollback(String incidentKey, String service, String targetVersion);

  DeploymentTicket requestHotfix(String incidentKey, String service, String hotfixReference);
}
