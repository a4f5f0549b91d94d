package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackChannelNamesTest {

  @Test
  void keyAndTitleInSlacksAlphabet() {
    assertThat(SlackChannelNames.forIncident("INC-2026-0042", "Payment DB", "payments"))
        .isEqualTo("inc-2026-0042-payment-db");
    assertThat(SlackChannelNames.forIncident("INC-2026-0042", "  Checkout: 5xx > 30% (EU/US) ", "checkout"))
        .isEqualTo("inc-2026-0042-checkout-5xx-30-eu-us");
    assertThat(SlackChannelNames.forIncident("INC-2026-0042", "Café déjà vu", "x")).isEqualTo("inc-2026-0042-cafe-deja-vu");
  }

  @Test
  void aTitleWithoutLatinLettersUsesTheService() {
    assertThat(SlackChannelNames.forIncident("INC-2026-0042", "결제 DB 연결 실패", "payments"))
        .isEqualTo("inc-2026-0042-db");
    assertThat(SlackChannelNames.forIncident("INC-2026-0042", "결제 연결 실패", "payments"))
        .isEqualTo("inc-2026-0042-payments");
  }

  @Test
  void atMostEightyCharactersCutAtAWord() {
    String name = SlackChannelNames.forIncident("INC-2026-0042",
        "The payment database refuses new connections because the pool is exhausted after the deploy", "payments");
    assertThat(name).hasSizeLessThanOrEqualTo(80).startsWith("inc-2026-0042-the-payment-database").doesNotEndWith("-")
        .matches("[a-z0-9_-]+");
    assertThat(name).isEqualTo("inc-2026-0042-the-payment-database-refuses-new-connections-because-the-pool-is");
  }
}
