package dev.firebreak.kpi;

/** The KPIs on the embedded default database, H2. */
class KpiOnH2IT extends AbstractKpiIT {
}
