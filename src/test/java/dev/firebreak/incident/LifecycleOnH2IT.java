package dev.firebreak.incident;

/** The lifecycle on the embedded default database, H2. */
class LifecycleOnH2IT extends AbstractLifecycleIT {
}
