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
}
