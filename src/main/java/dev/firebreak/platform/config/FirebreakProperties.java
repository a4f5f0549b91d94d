package dev.firebreak.platform.config;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Everything under {@code firebreak.*}; documented in README.md. */
@ConfigurationProperties("firebreak")
public class FirebreakProperties {

  private ZoneId zone = ZoneId.of("UTC");
  private String baseUrl = "http://localhost:8080";
  private final Escalation escalation = new Escalation();
  private final Drill drill = new Drill();
  private final Admin admin = new Admin();
  private final Security security = new Security();
  private Map<String, ServiceEntry> services = new LinkedHashMap<>();

  public ZoneId getZone() {
    return zone;
  }

  public void setZone(ZoneId zone) {
    this.zone = zone;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Escalation getEscalation() {
    return escalation;
  }

  public Drill getDrill() {
    return drill;
  }

  public Admin getAdmin() {
    return admin;
  }

  public Security getSecurity() {
    return security;
  }

  public Map<String, ServiceEntry> getServices() {
    return services;
  }

  public void setServices(Map<String, ServiceEntry> services) {
    this.services = services;
  }

  /** {@code firebreak.security.*}: rules that are the team's choice. */
  public static class Security {

    /** Four eyes: who asked for a change cannot approve it (off only for one-person teams). */
    private boolean fourEyes = true;

    public boolean isFourEyes() {
      return fourEyes;
    }

    public void setFourEyes(boolean fourEyes) {
      this.fourEyes = fourEyes;
    }
  }

  public static class Escalation {
    private String checkCycle = "R/PT15M";
    /** How long a paged on-call person has to acknowledge before the next person is paged. */
    private String pageAcknowledgeTimeout = "PT15M";

    public String getPageAcknowledgeTimeout() {
      return pageAcknowledgeTimeout;
    }

    public void setPageAcknowledgeTimeout(String pageAcknowledgeTimeout) {
      this.pageAcknowledgeTimeout = pageAcknowledgeTimeout;
    }

    public String getCheckCycle() {
      return checkCycle;
    }

    public void setCheckCycle(String checkCycle) {
      this.checkCycle = checkCycle;
    }
  }

  public static class Drill {
    private String cron = "0 0 10 1 1,4,7,10 ?";

    public String getCron() {
      return cron;
    }

    public void setCron(String cron) {
      this.cron = cron;
    }
  }

  public static class Admin {
    private String user = "admin";
    private String password = "";

    public String getUser() {
      return user;
    }

    public void setUser(String user) {
      this.user = user;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** One entry of the service catalog. */
  public static class ServiceEntry {
    private int tier = 3;
    private boolean customerFacing;
    private String component;
    /** How the service is deployed (Argo CD or GitHub Actions); none: the recording adapter and a person. */
    private final Deploy deploy = new Deploy();

    public Deploy getDeploy() {
      return deploy;
    }

    public int getTier() {
      return tier;
    }

    public void setTier(int tier) {
      this.tier = tier;
    }

    public boolean isCustomerFacing() {
      return customerFacing;
    }

    public void setCustomerFacing(boolean customerFacing) {
      this.customerFacing = customerFacing;
    }

    public String getComponent() {
      return component;
    }

    public void setComponent(String component) {
      this.component = component;
    }
  }

  /**
   * {@code firebreak.services.<service>.deploy.*}: the service's deploy target. Tokens come from the
   * environment (e.g. {@code FIREBREAK_SERVICES_PAYMENTS_DEPLOY_ARGOCD_TOKEN}), never from a checked-in file.
   */
  public static class Deploy {
    private final ArgoCd argocd = new ArgoCd();
    private final GitHub github = new GitHub();

    public ArgoCd getArgocd() {
      return argocd;
    }

    public GitHub getGithub() {
      return github;
    }

    /** {@code argocd}, {@code github}, or {@code recorded} when neither is configured. */
    public String tool() {
      if (!argocd.getApplication().isBlank() && !argocd.getServer().isBlank()) {
        return "argocd";
      }
      if (!github.getRepository().isBlank()) {
        return "github";
      }
      return "recorded";
    }
  }

  /** An Argo CD application. */
  public static class ArgoCd {
    private String server = "";
    private String application = "";
    private String project = "";
    /** The application's namespace when Argo CD manages applications in several namespaces. */
    private String appNamespace = "";
    /** A project-scoped or account token (Bearer); least permission: applications get, action/* and sync (rollback), update for auto-sync. */
    private String token = "";
    /**
     * What to do when Argo CD refuses a rollback because auto-sync is on: {@code revert-in-git}
     * (a person reverts the change in Git, GitOps-correct) or {@code disable-auto-sync} (after the
     * approval Firebreak switches auto-sync off, remembering the old policy, and rolls back).
     */
    private String autoSync = "revert-in-git";

    public String getServer() { return server; }
    public void setServer(String server) { this.server = server; }
    public String getApplication() { return application; }
    public void setApplication(String application) { this.application = application; }
    public String getProject() { return project; }
    public void setProject(String project) { this.project = project; }
    public String getAppNamespace() { return appNamespace; }
    public void setAppNamespace(String appNamespace) { this.appNamespace = appNamespace; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getAutoSync() { return autoSync; }
    public void setAutoSync(String autoSync) { this.autoSync = autoSync; }
  }

  /** A GitHub repository with its rollback and hotfix workflows. */
  public static class GitHub {
    private String apiUrl = "https://api.github.com";
    /** owner/name */
    private String repository = "";
    private String ref = "main";
    private String rollbackWorkflow = "rollback.yml";
    private String hotfixWorkflow = "hotfix.yml";
    /** A GitHub App installation token or a fine-grained token: Actions read and write on this repository. */
    private String token = "";

    public String getApiUrl() { return apiUrl; }
    public void setApiUrl(String apiUrl) { this.apiUrl = apiUrl; }
    public String getRepository() { return repository; }
    public void setRepository(String repository) { this.repository = repository; }
    public String getRef() { return ref; }
    public void setRef(String ref) { this.ref = ref; }
    public String getRollbackWorkflow() { return rollbackWorkflow; }
    public void setRollbackWorkflow(String rollbackWorkflow) { this.rollbackWorkflow = rollbackWorkflow; }
    public String getHotfixWorkflow() { return hotfixWorkflow; }
    public void setHotfixWorkflow(String hotfixWorkflow) { this.hotfixWorkflow = hotfixWorkflow; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
  }
}
