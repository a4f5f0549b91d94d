package dev.firebreak.recovery;

import java.util.List;

/**
 * The pull request of a hotfix as the code host reports it, with its checks, shown on Expedited code
 * review: {@code headSha} is the commit the checks ran on.
 */
public record HotfixChange(long number, String title, String url, String headSha, String author, List<Check> checks) {

  /** One check run: {@code status} queued, in_progress or completed; {@code conclusion} once completed. */
  public record Check(String name, String status, String conclusion, String url) {
  }
}
