package dev.firebreak.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

  // the example of Slack's "Verifying requests from Slack" guide
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String TIMESTAMP = "1531420618";
  static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
      + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url="
      + "https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id="
      + "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  static final Instant AT = Instant.ofEpochSecond(1531420618);

  @Test
  void slacksOwnExampleVerifies() {
    assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    assertThat(SlackSignature.problem(SECRET, TIMESTAMP, SIGNATURE, BODY, AT.plusSeconds(299))).isNull();
  }

  @Test
  void refusals() {
    assertThat(SlackSignature.problem(SECRET, TIMESTAMP, SIGNATURE, BODY, AT.plusSeconds(301))).contains("older than five minutes");
    assertThat(SlackSignature.problem(SECRET, TIMESTAMP, SIGNATURE, BODY, AT.minusSeconds(301))).contains("older than five minutes");
    assertThat(SlackSignature.problem(SECRET, TIMESTAMP, SIGNATURE.replace('3', '4'), BODY, AT)).contains("does not match");
    assertThat(SlackSignature.problem(SECRET, null, SIGNATURE, BODY, AT)).contains("no Slack signature");
    assertThat(SlackSignature.problem(SECRET, TIMESTAMP, "", BODY, AT)).contains("no Slack signature");
    assertThat(SlackSignature.problem(SECRET, "yesterday", SIGNATURE, BODY, AT)).contains("not a Unix time");
    assertThat(SlackSignature.problem("", TIMESTAMP, SIGNATURE, BODY, AT)).contains("set firebreak.slack.signing-secret");
  }
}
