package dev.firebreak.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * firebreak.social.*: the social post communications approve with each public notice (issue 17.3).
 * When a Mastodon account is configured (base URL and access token; the token from the environment,
 * FIREBREAK_SOCIAL_MASTODON_ACCESS_TOKEN), an approved post is published there; otherwise the draft
 * is kept on the support briefing only.
 */
@ConfigurationProperties("firebreak.social")
public class SocialProperties {

  private final Mastodon mastodon = new Mastodon();

  public Mastodon getMastodon() {
    return mastodon;
  }

  /** firebreak.social.mastodon.*. */
  public static class Mastodon {
    /** The instance, e.g. https://mastodon.social; empty: nothing is posted. */
    private String baseUrl;
    /** The account's access token (scope write:statuses); from the environment, never in a file. */
    private String accessToken;
    /** The instance's post length limit (Mastodon's default is 500 characters). */
    private int maxLength = 500;
    /** public, unlisted, private or direct. */
    private String visibility = "public";

    /**
     * The draft of a social post: "title: notice link", the notice shortened (…) so that the whole
     * fits the length limit (counted in characters, links included, which is stricter than Mastodon).
     */
    public String draft(String title, String message, String link) {
      String head = title == null || title.isBlank() ? "" : title.trim() + ": ";
      String tail = link == null || link.isBlank() ? "" : " " + link.trim();
      String text = message == null ? "" : message.trim().replaceAll("\\s+", " ");
      int room = maxLength - head.codePointCount(0, head.length()) - tail.codePointCount(0, tail.length());
      if (room <= 1) {
        return (head + text).substring(0, Math.min((head + text).length(), maxLength));
      }
      if (text.codePointCount(0, text.length()) > room) {
        text = text.substring(0, text.offsetByCodePoints(0, room - 1)) + "…";
      }
      return head + text + tail;
    }

    public boolean configured() {
      return baseUrl != null && !baseUrl.isBlank() && accessToken != null && !accessToken.isBlank();
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getAccessToken() {
      return accessToken;
    }

    public void setAccessToken(String accessToken) {
      this.accessToken = accessToken;
    }

    public int getMaxLength() {
      return maxLength;
    }

    public void setMaxLength(int maxLength) {
      this.maxLength = maxLength;
    }

    public String getVisibility() {
      return visibility;
    }

    public void setVisibility(String visibility) {
      this.visibility = visibility;
    }
  }
}
