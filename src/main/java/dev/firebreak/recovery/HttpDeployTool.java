package dev.firebreak.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.incident.Incidents;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * What the deploy tools that Firebreak calls over HTTP (Argo CD, GitHub Actions) share: a client per
 * target with its Bearer token, the tool's error message read from its JSON answer ({@code message}),
 * a refusal the adapter handles ({@link Refused}) told apart from an error that fails the job (retried
 * by its retry cycle), and the request bookkeeping: a request job that runs again after an attempt
 * that reached the tool ({@link #retried}) first looks at the tool for what that attempt did.
 */
public abstract class HttpDeployTool implements DeployTool {

  protected final RestClient.Builder builder;
  protected final ObjectMapper json;
  protected final Incidents incidents;

  protected HttpDeployTool(RestClient.Builder builder, ObjectMapper json, Incidents incidents) {
    this.builder = builder;
    this.json = json;
    this.incidents = incidents;
  }

  /** The tool refused the request with this status and its own message. */
  public static final class Refused extends RuntimeException {
    private final int status;

    public Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** How the tool is named in an error ("Argo CD", "GitHub"). */
  protected abstract String label();

  /**
   * A retried request job whose earlier attempt asked the tool (the row counts it before the call):
   * the tool may have done it although its answer was lost, so the adapter looks before it asks again.
   */
  protected static boolean retried(Deployments.Deployment previous) {
    return previous.attempts() > 0;
  }

  /**
   * A client for one target: {@code baseUrl} without a trailing slash, the Bearer token, and the
   * tool's own headers ({@code more}); a status that {@code refused} accepts becomes {@link Refused},
   * any other error an {@link IllegalStateException} naming the call.
   */
  protected RestClient client(String baseUrl, String token, IntPredicate refused, Consumer<RestClient.Builder> more) {
    RestClient.Builder client = builder.clone().baseUrl(baseUrl.replaceAll("/$", ""))
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    more.accept(client);
    return client.defaultStatusHandler(HttpStatusCode::isError, (req, response) -> {
      String message = message(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
      int status = response.getStatusCode().value();
      if (refused.test(status)) {
        throw new Refused(status, message);
      }
      throw new IllegalStateException(label() + " answered " + status + " to " + req.getMethod() + " "
          + req.getURI().getPath() + ": " + message);
    }).build();
  }

  /**
   * An HTTP/1.1 client factory (the JDK client's cleartext HTTP/2 upgrade of a POST with a body is reset
   * by some proxies) with a 10 s connect timeout and {@code readTimeout} (none when null): the reads
   * made while a person's task is being created use {@link #TASK_READ_TIMEOUT}, so a tool that hangs
   * never holds up the task.
   */
  protected static JdkClientHttpRequestFactory http11(Duration readTimeout) {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
    if (readTimeout != null) {
      factory.setReadTimeout(readTimeout);
    }
    return factory;
  }

  /** How long a read made while a task is created may take (a canary, a pull request). */
  protected static final Duration TASK_READ_TIMEOUT = Duration.ofSeconds(5);

  /** The {@code message} of a JSON error body, else the body as it is. */
  protected String message(String body) {
    try {
      return json.readTree(body).path("message").asText(body);
    } catch (Exception notJson) {
      return body;
    }
  }
}
