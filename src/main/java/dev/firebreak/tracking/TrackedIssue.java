package dev.firebreak.tracking;

/** An issue in the tracker; {@code url} is null for recorded issues. */
public record TrackedIssue(String key, String url) {
}
