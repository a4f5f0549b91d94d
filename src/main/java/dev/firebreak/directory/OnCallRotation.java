package dev.firebreak.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is on call at a moment: members take turns of {@code length}, starting with the first
 * member at {@code start} (a handover time); an override covering the moment wins.
 */
public record OnCallRotation(List<String> members, Instant start, Duration length, List<Override> overrides) {

  /** A temporary replacement, e.g. for a holiday. */
  public record Override(String person, Instant from, Instant until) {
    boolean covers(Instant at) {
      return !at.isBefore(from) && at.isBefore(until);
    }
  }

  /** The person on call, and until when (next handover or end of the override). */
  public record OnCall(String person, Instant until, boolean override) {
  }

  public Optional<OnCall> at(Instant at) {
    Optional<Override> override = overrides.stream().filter(o -> o.covers(at)).findFirst();
    if (override.isPresent()) {
      return Optional.of(new OnCall(override.get().person(), override.get().until(), true));
    }
    if (members.isEmpty()) {
      return Optional.empty();
    }
    long shifts = Math.floorDiv(Duration.between(start, at).toMillis(), length.toMillis());
    int index = (int) Math.floorMod(shifts, members.size());
    Instant until = start.plus(length.multipliedBy(shifts + 1));
    return Optional.of(new OnCall(members.get(index), until, false));
  }

  /** The person after the given one in the rotation (for a page nobody acknowledged). */
  public Optional<String> after(String person) {
    int index = members.indexOf(person);
    if (members.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(members.get((index + 1) % members.size()));
  }
}
