package dev.firebreak.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The social post draft of a public notice fits the channel's length limit and keeps the status page link. */
class SocialPostDraftTest {

  final SocialProperties.Mastodon mastodon = new SocialProperties.Mastodon();

  @Test
  void shortNoticeIsDraftedWhole() {
    assertThat(mastodon.draft("Payments unavailable", "Payments are failing.\nWe are investigating.",
        "https://status.example/status"))
        .isEqualTo("Payments unavailable: Payments are failing. We are investigating. https://status.example/status");
  }

  @Test
  void longNoticeIsShortenedToTheLimitAndKeepsTheLink() {
    String notice = "결제가 일부 고객에게 실패하고 있습니다. ".repeat(60);
    String draft = mastodon.draft("결제 장애", notice, "https://status.example/status");
    assertThat(draft.codePointCount(0, draft.length())).isEqualTo(500);
    assertThat(draft).startsWith("결제 장애: 결제가").endsWith("… https://status.example/status");
  }

  @Test
  void aSmallerLimitOfAnotherInstanceIsKept() {
    mastodon.setMaxLength(100);
    String draft = mastodon.draft("Checkout slow", "x".repeat(300), "https://status.example/status");
    assertThat(draft).hasSize(100).endsWith("https://status.example/status");
  }
}
