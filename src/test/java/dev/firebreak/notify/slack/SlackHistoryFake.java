package dev.firebreak.notify.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * conversations.history for a fake Slack: the messages the fake accepted (chat.postMessage answered
 * 200 with "ok": true, even when the client had given up waiting), newest first, with their
 * metadata as Slack returns it under include_all_metadata. Make the fake's server with
 * {@link #server} and stub the method with {@link #stub} (after every reset, too).
 */
public final class SlackHistoryFake implements ResponseDefinitionTransformerV2 {

  static final String NAME = "slack-history";
  private static final ObjectMapper JSON = new ObjectMapper();
  private volatile WireMockServer server;

  /** A WireMock server (not started) whose conversations.history stub answers from its journal. */
  public static WireMockServer server(com.github.tomakehurst.wiremock.core.WireMockConfiguration options) {
    SlackHistoryFake fake = new SlackHistoryFake();
    WireMockServer server = new WireMockServer(options.extensions(fake));
    fake.server = server;
    return server;
  }

  /** Stubs conversations.history on a server made by {@link #server}. */
  public static void stub(WireMockServer server) {
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
            com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/conversations.history"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{}").withTransformers(NAME)));
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    ObjectNode answer = JSON.createObjectNode().put("ok", true).put("has_more", false);
    ArrayNode messages = answer.putArray("messages");
    for (ServeEvent served : server.getAllServeEvents()) { // newest first
      if (!served.getRequest().getUrl().endsWith("/api/chat.postMessage") || served.getResponse() == null
          || served.getResponse().getStatus() != 200) {
        continue;
      }
      try {
        JsonNode response = JSON.readTree(served.getResponse().getBodyAsString());
        if (!response.path("ok").asBoolean()) {
          continue;
        }
        Map<String, String> form = form(served.getRequest().getBodyAsString());
        ObjectNode message = messages.addObject().put("type", "message")
            .put("ts", response.path("ts").asText()).put("text", form.getOrDefault("text", ""));
        if (form.containsKey("metadata")) {
          message.set("metadata", JSON.readTree(form.get("metadata")));
        }
      } catch (Exception e) {
        throw new IllegalStateException("unreadable chat.postMessage in the fake's journal", e);
      }
    }
    try {
      return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody(JSON.writeValueAsString(answer)).build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
