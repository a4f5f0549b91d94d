package dev.firebreak.incident;

import static dev.firebreak.incident.IncidentProcess.*;

import dev.firebreak.platform.config.FirebreakProperties;
import dev.firebreak.platform.config.ServiceCatalog;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.firebreak.platform.process.InvalidVariableException;
import dev.firebreak.platform.process.ProcessVariable;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What a declaration says about a new incident, whoever makes it: the start form, the API, an
 * alert or a drill. Fields a declarer may leave out are null until {@link #withDefaults}; its
 * process variables are {@link #toVariables()} and {@link #from(VariableScope)}, named in
 * {@link IncidentProcess}.
 */
public record IncidentDeclaration(
    String title,
    String service,
    IncidentType incidentType,
    ImpactScope impactScope,
    Integer serviceTier,
    Boolean customerFacing,
    Boolean dataIntegrityAtRisk,
    AlertSeverity alertSeverity,
    String description,
    Instant detectedAt,
    Boolean drill,
    String source) {

  /** The tier of a service the catalog does not know. */
  static final int UNKNOWN_SERVICE_TIER = 3;
  /** The source of a declaration made on the Tasklist start form. */
  public static final String SOURCE_TASKLIST = "tasklist";
  public static final String SOURCE_API = "api";
  public static final String SOURCE_DRILL = "drill";
  /**
   * What the start form's yes/no selects send when left as they are, "as the service catalog says":
   * the same as leaving the field out, so {@link #withDefaults} takes the catalog's value.
   */
  public static final String FROM_CATALOG = "catalog";

  /** The declaration the variables hold (a start form's, a message's, a calling process's). */
  public static IncidentDeclaration from(VariableScope scope) {
    Date detectedAt = DETECTED_AT.get(scope);
    return new IncidentDeclaration(TITLE.get(scope), SERVICE.get(scope),
        INCIDENT_TYPE.get(scope).orElse(null), IMPACT_SCOPE.get(scope).orElse(null),
        SERVICE_TIER.get(scope), unlessFromCatalog(CUSTOMER_FACING, scope), DATA_INTEGRITY_AT_RISK.get(scope),
        ALERT_SEVERITY.get(scope).orElse(null), DESCRIPTION.get(scope),
        detectedAt == null ? null : detectedAt.toInstant(), DRILL.get(scope), SOURCE.get(scope));
  }

  /**
   * Every field set: tier and customer-facing from the service catalog (tier 3, not customer-facing
   * for a service it does not know), no data at risk, alert severity none, not a drill, detected
   * now, and source tasklist (drill for a drill).
   */
  public IncidentDeclaration withDefaults(ServiceCatalog catalog, Instant now) {
    var entry = catalog.find(service);
    boolean isDrill = drill != null && drill;
    return new IncidentDeclaration(title, service, incidentType, impactScope,
        serviceTier != null ? serviceTier : entry.map(FirebreakProperties.ServiceEntry::getTier).orElse(UNKNOWN_SERVICE_TIER),
        customerFacing != null ? customerFacing : entry.map(FirebreakProperties.ServiceEntry::isCustomerFacing).orElse(false),
        dataIntegrityAtRisk != null && dataIntegrityAtRisk,
        alertSeverity != null ? alertSeverity : AlertSeverity.NONE,
        description,
        detectedAt != null ? detectedAt : now,
        isDrill,
        source != null ? source : isDrill ? SOURCE_DRILL : SOURCE_TASKLIST);
  }

  /**
   * Fails, naming the variable, when the title, service, type or impact is missing: a declaration
   * needs them, and the severity decision reads them.
   */
  public IncidentDeclaration requireEssentials() {
    require(SERVICE.name(), service);
    require(TITLE.name(), title);
    require(INCIDENT_TYPE.name(), incidentType);
    require(IMPACT_SCOPE.name(), impactScope);
    return this;
  }

  public boolean isDrill() {
    return drill != null && drill;
  }

  /** The process variables of the fields that are set (choices as their codes, times as dates). */
  public Map<String, Object> toVariables() {
    Map<String, Object> variables = new LinkedHashMap<>();
    put(variables, TITLE.name(), title);
    put(variables, SERVICE.name(), service);
    put(variables, INCIDENT_TYPE.name(), incidentType == null ? null : incidentType.code());
    put(variables, IMPACT_SCOPE.name(), impactScope == null ? null : impactScope.code());
    put(variables, SERVICE_TIER.name(), serviceTier);
    put(variables, CUSTOMER_FACING.name(), customerFacing);
    put(variables, DATA_INTEGRITY_AT_RISK.name(), dataIntegrityAtRisk);
    put(variables, ALERT_SEVERITY.name(), alertSeverity == null ? null : alertSeverity.code());
    put(variables, DESCRIPTION.name(), description);
    put(variables, DETECTED_AT.name(), detectedAt == null ? null : Date.from(detectedAt));
    put(variables, DRILL.name(), drill);
    put(variables, SOURCE.name(), source);
    return variables;
  }

  /**
   * Writes every field into the scope, unset ones as null variables, so expressions in the
   * diagram (e.g. on the description) always find their variable. A variable the scope already
   * holds with the same value is left as it is (no update, no history entry for an unchanged value).
   */
  public void writeTo(VariableScope scope) {
    Map<String, Object> variables = toVariables();
    for (String name : new String[] {TITLE.name(), SERVICE.name(), INCIDENT_TYPE.name(), IMPACT_SCOPE.name(),
        SERVICE_TIER.name(), CUSTOMER_FACING.name(), DATA_INTEGRITY_AT_RISK.name(), ALERT_SEVERITY.name(),
        DESCRIPTION.name(), DETECTED_AT.name(), DRILL.name(), SOURCE.name()}) {
      Object value = variables.get(name);
      if (!scope.hasVariable(name) || !java.util.Objects.equals(scope.getVariable(name), value)) {
        scope.setVariable(name, value);
      }
    }
  }

  /** The variable's value; null when it is {@value #FROM_CATALOG} or blank (a select left as it is). */
  private static Boolean unlessFromCatalog(ProcessVariable<Boolean> variable, VariableScope scope) {
    Object raw = scope.getVariable(variable.name());
    if (raw instanceof String text && (text.isBlank() || FROM_CATALOG.equalsIgnoreCase(text.trim()))) {
      return null;
    }
    return variable.get(scope);
  }

  private static void require(String name, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw InvalidVariableException.missing(name);
    }
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
