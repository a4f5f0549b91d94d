package dev.firebreak.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** firebreak.intake.*: the alert webhooks. */
@ConfigurationProperties("firebreak.intake")
public class IntakeProperties {

  /** Bearer token Alertmanager and Grafana must send. Webhooks refuse everything while it is empty. */
  private String token = "";
  /** Larger bodies are refused with 413. */
  private int maxBodyBytes = 1024 * 1024;
  /** Labels whose values form an alert group: one incident per group. */
  private List<String> groupBy = new ArrayList<>(List.of("alertname", "service"));
  /**
   * How many alert groups the alert processor works on at once (each in its own transaction, under
   * the group's row lock, so two workers or nodes never open two incidents for one group).
   */
  private int processorThreads = 4;
  private final Grafana grafana = new Grafana();

  public int getProcessorThreads() {
    return processorThreads;
  }

  public void setProcessorThreads(int processorThreads) {
    this.processorThreads = Math.max(1, processorThreads);
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  public void setMaxBodyBytes(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  public List<String> getGroupBy() {
    return groupBy;
  }

  public void setGroupBy(List<String> groupBy) {
    this.groupBy = groupBy;
  }

  public Grafana getGrafana() {
    return grafana;
  }

  /** Grafana's optional HMAC signature. */
  public static class Grafana {
    /** When set, every Grafana webhook must carry a valid signature and a fresh timestamp. */
    private String hmacSecret = "";
    private String signatureHeader = "X-Grafana-Alerting-Signature";
    private String timestampHeader = "X-Grafana-Alerting-Signature-Timestamp";
    private Duration replayWindow = Duration.ofMinutes(5);

    public String getHmacSecret() {
      return hmacSecret;
    }

    public void setHmacSecret(String hmacSecret) {
      this.hmacSecret = hmacSecret;
    }

    public String getSignatureHeader() {
      return signatureHeader;
    }

    public void setSignatureHeader(String signatureHeader) {
      this.signatureHeader = signatureHeader;
    }

    public String getTimestampHeader() {
      return timestampHeader;
    }

    public void setTimestampHeader(String timestampHeader) {
      this.timestampHeader = timestampHeader;
    }

    public Duration getReplayWindow() {
      return replayWindow;
    }

    public void setReplayWindow(Duration replayWindow) {
      this.replayWindow = replayWindow;
    }
  }
}
