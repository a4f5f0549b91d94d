package dev.firebreak.platform.web;

/**
 * Something a request names does not exist. Features extend it with their own kind; every
 * endpoint answers it as 404 problem+json titled {@link #title()}.
 */
public abstract class NotFoundException extends RuntimeException {

  protected NotFoundException(String message) {
    super(message);
  }

  /** The problem's title, e.g. "Incident not found". */
  public abstract String title();
}
