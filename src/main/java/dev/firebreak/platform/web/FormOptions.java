package dev.firebreak.platform.web;

/**
 * The options of a Camunda Forms picker (select, taglist, checklist, radio) whose {@code valuesKey}
 * names a variable a start form cannot have: Tasklist loads no variables for a start form, so
 * {@link StartFormOptions} writes these options into the start form it serves. A feature implements
 * one bean per variable (drill: the directory's people as drill participants).
 */
public interface FormOptions {

  /** The variable the form's picker reads its options from ({@code valuesKey}). */
  String valuesKey();

  /** The options now, a Json array of {@code {"label": …, "value": …}}. */
  String options();
}
