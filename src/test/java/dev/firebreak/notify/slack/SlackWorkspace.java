package dev.firebreak.notify.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A healthy fake Slack workspace: Rae Responder has a Slack account, Min Manager has none; the
 * central channel #incidents is C0CENTRAL; conversations.history answers the messages posted so far
 * with their metadata (the server must be made by {@link SlackHistoryFake#server}).
 */
final class SlackWorkspace {

  /** How many stubs {@link #stub} adds. */
  static final int STUBS = 9;

  static void stub(WireMockServer slack) {
    slack.stubFor(post(urlEqualTo("/api/conversations.create"))
        .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0INC\", \"name\": \"created\"}}")));
    slack.stubFor(post(urlEqualTo("/api/users.lookupByEmail"))
        .willReturn(okJson("{\"ok\": false, \"error\": \"users_not_found\"}")));
    slack.stubFor(post(urlEqualTo("/api/users.lookupByEmail"))
        .withRequestBody(containing("email=responder%40firebreak.example"))
        .willReturn(okJson("{\"ok\": true, \"user\": {\"id\": \"U0RESPOND\", \"name\": \"rae\"}}")));
    slack.stubFor(post(urlEqualTo("/api/conversations.invite"))
        .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0INC\"}}")));
    slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=C0INC"))
        .willReturn(okJson("{\"ok\": true, \"channel\": \"C0INC\", \"ts\": \"1764540000.000200\"}")));
    slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=%23incidents"))
        .willReturn(okJson("{\"ok\": true, \"channel\": \"C0CENTRAL\", \"ts\": \"1764540000.000100\"}")));
    slack.stubFor(post(urlEqualTo("/api/conversations.list")).willReturn(okJson(
        "{\"ok\": true, \"channels\": [{\"id\": \"C0CENTRAL\", \"name\": \"incidents\"}], \"response_metadata\": {\"next_cursor\": \"\"}}")));
    SlackHistoryFake.stub(slack);
    slack.stubFor(post(urlEqualTo("/api/chat.update"))
        .willReturn(okJson("{\"ok\": true, \"channel\": \"C0INC\", \"ts\": \"1764540000.000200\"}")));
  }

  private SlackWorkspace() {
  }
}
