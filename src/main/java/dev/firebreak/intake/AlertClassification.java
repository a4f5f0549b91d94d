package dev.firebreak.intake;

import static dev.firebreak.platform.process.ProcessVariable.bool;
import static dev.firebreak.platform.process.ProcessVariable.string;

import dev.firebreak.incident.AlertSeverity;
import dev.firebreak.incident.IncidentProcess;
import dev.firebreak.platform.process.ChoiceVariable;
import dev.firebreak.platform.process.ProcessVariable;

/**
 * The contract of dmn/alert-classification.dmn, which {@link AlertClassifier} evaluates for the
 * first alert of a group: what the table reads of the alert and what it decides. The outputs feed
 * the incident's declaration (service, incident type, impact scope); they are never process
 * variables of their own.
 */
public final class AlertClassification {

  /** The decision's key in dmn/. */
  public static final String DECISION = "alert-classification";

  // --- inputs (a missing label is the empty string)
  /** The label {@code service} as sent. */
  public static final ProcessVariable<String> ALERT_SERVICE_LABEL = string("alertServiceLabel");
  /** The annotations {@code summary}, {@code description} and {@code impact}, joined, in lower case. */
  public static final ProcessVariable<String> ALERT_TEXT = string("alertText");
  /** The annotation (or label) {@code impact}, trimmed, in lower case. */
  public static final ProcessVariable<String> ALERT_IMPACT_LABEL = string("alertImpactLabel");
  /** The annotation (or label) {@code incident_type}, trimmed, in lower case. */
  public static final ProcessVariable<String> ALERT_TYPE_LABEL = string("alertTypeLabel");
  /** The alert's severity as the incident reads it (label {@code severity}; warning when unknown). */
  public static final ChoiceVariable<AlertSeverity> ALERT_SEVERITY = IncidentProcess.ALERT_SEVERITY;
  /** The service catalog's customer-facing for the service label; unset when the catalog does not know it. */
  public static final ProcessVariable<Boolean> CATALOG_CUSTOMER_FACING = bool("catalogCustomerFacing");

  // --- outputs
  public static final ProcessVariable<String> CLASSIFIED_SERVICE = string("classifiedService");
  public static final ProcessVariable<String> CLASSIFIED_INCIDENT_TYPE = string("classifiedIncidentType");
  public static final ProcessVariable<String> CLASSIFIED_IMPACT_SCOPE = string("classifiedImpactScope");

  private AlertClassification() {
  }
}
