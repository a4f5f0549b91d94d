package dev.firebreak.imports;

/** Imports on the embedded default database, H2. */
class ImportsOnH2IT extends AbstractImportsIT {
}
