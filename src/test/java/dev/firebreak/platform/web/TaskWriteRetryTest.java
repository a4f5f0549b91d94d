package dev.firebreak.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TaskWriteRetryTest {

  private static final String CONFLICT = "{\"type\":\"OptimisticLockingException\",\"message\":\"ENGINE-03005 …\"}";

  private final List<String> bodiesSeen = new ArrayList<>();

  private FilterChain engineThatConflicts(int times) {
    return (request, response) -> {
      bodiesSeen.add(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      var http = (jakarta.servlet.http.HttpServletResponse) response;
      if (bodiesSeen.size() <= times) {
        http.setStatus(500);
        http.setContentType("application/json");
        http.getWriter().write(CONFLICT);
      } else {
        http.setStatus(204);
      }
    };
  }

  private static MockHttpServletRequest submit(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setContent("{\"variables\":{\"dismissed\":{\"value\":false}}}".getBytes(StandardCharsets.UTF_8));
    return request;
  }

  @Test
  void aCompletionThatMetAConcurrentJobIsSentAgainWithTheSameBodyAndThePersonSeesSuccess() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new TaskWriteRetry.Filter().doFilter(submit("/camunda/api/engine/engine/default/task/t1/submit-form"),
        response, engineThatConflicts(2));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.getContentAsString()).isEmpty();
    assertThat(bodiesSeen).hasSize(3).allMatch(b -> b.equals("{\"variables\":{\"dismissed\":{\"value\":false}}}"));
  }

  @Test
  void aCompletionThatReadTheExecutionTreeWhileABranchEndedIsSentAgain() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    FilterChain compacted = (request, answer) -> {
      bodiesSeen.add(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      var http = (jakarta.servlet.http.HttpServletResponse) answer;
      if (bodiesSeen.size() == 1) {
        http.setStatus(500);
        http.getWriter().write("{\"type\":\"RestException\",\"message\":\"Cannot submit task form t1: cannot signal"
            + " execution e1: it has no current activity\"}");
      } else {
        http.setStatus(204);
      }
    };
    new TaskWriteRetry.Filter().doFilter(submit("/engine-rest/task/t1/submit-form"), response, compacted);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(bodiesSeen).hasSize(2);
  }

  @Test
  void aSubmittedFormWhoseConflictCameWrappedInARestExceptionIsSentAgain() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    FilterChain wrapped = (request, answer) -> {
      bodiesSeen.add(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      var http = (jakarta.servlet.http.HttpServletResponse) answer;
      if (bodiesSeen.size() == 1) {
        http.setStatus(500);
        http.getWriter().write("{\"type\":\"RestException\",\"message\":\"Cannot submit task form t1: ENGINE-03005"
            + " Execution of 'INSERT VariableInstanceEntity[v1]' failed. Entity was updated by another transaction"
            + " concurrently.\",\"code\":1}");
      } else {
        http.setStatus(204);
      }
    };
    new TaskWriteRetry.Filter().doFilter(submit("/engine-rest/task/t1/submit-form"), response, wrapped);

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(bodiesSeen).hasSize(2);
  }

  @Test
  void aClaimThatMetAConcurrentJobIsSentAgain() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new TaskWriteRetry.Filter().doFilter(submit("/camunda/api/engine/engine/default/task/t1/claim"), response,
        engineThatConflicts(1));

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(bodiesSeen).hasSize(2);
  }

  @Test
  void aConflictThatLastsIsAnsweredAsTheEngineSaidAfterTheLastAttempt() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new TaskWriteRetry.Filter().doFilter(submit("/engine-rest/task/t1/complete"), response,
        engineThatConflicts(99));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getContentAsString()).isEqualTo(CONFLICT);
    assertThat(bodiesSeen).hasSize(TaskWriteRetry.ATTEMPTS);
  }

  @Test
  void otherRequestsAreNeverSentTwice() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new TaskWriteRetry.Filter().doFilter(submit("/engine-rest/process-definition/key/incident/start"), response,
        engineThatConflicts(1));

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(bodiesSeen).hasSize(1);
  }
}
