package dev.firebreak.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.platform.process.ModelRefusedException;
import dev.firebreak.platform.process.SystemVariableRefusedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import dev.firebreak.platform.process.InvalidVariableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.springframework.stereotype.Component;

/**
 * Camunda REST as the starter configures it, with one change: a refused system variable
 * ({@link SystemVariableRefusedException}, wrapped or not) is answered 400 application/problem+json
 * with the refused names in {@code variables}, like Firebreak's own API, and a deployment refused by
 * the model sandbox ({@link ModelRefusedException}) 400 problem+json naming the element. Every other error keeps
 * Camunda's own answer (its three exception mappers are replaced by {@link Problems}, which hands
 * everything else to them).
 */
@Component
public class EngineRestProblems extends CamundaJerseyResourceConfig {

  private static final Set<Class<?>> REPLACED = Set.of(RestExceptionHandler.class,
      ProcessEngineExceptionHandler.class, ExceptionHandler.class);

  @Override
  protected void registerCamundaRestResources() {
    registerClasses(CamundaRestResources.getResourceClasses());
    registerClasses(CamundaRestResources.getConfigurationClasses().stream()
        .filter(type -> !REPLACED.contains(type)).collect(Collectors.toSet()));
    register(JacksonFeature.class);
    register(Problems.class);
  }

  /** The refusal as problem+json; anything else as Camunda answers it. */
  public static class Problems implements ExceptionMapper<Throwable> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestExceptionHandler rest = new RestExceptionHandler();
    private final ProcessEngineExceptionHandler engine = new ProcessEngineExceptionHandler();
    private final ExceptionHandler other = new ExceptionHandler();

    @Override
    public Response toResponse(Throwable e) {
      SystemVariableRefusedException refused = SystemVariableRefusedException.in(e);
      if (refused != null) {
        return Response.status(400).type("application/problem+json").entity(body(refused)).build();
      }
      ModelRefusedException model = ModelRefusedException.in(e);
      if (model != null) {
        return Response.status(400).type("application/problem+json").entity(body(model)).build();
      }
      InvalidVariableException invalid = cause(e, InvalidVariableException.class);
      if (invalid != null) {
        return Response.status(400).type("application/problem+json").entity(body(invalid)).build();
      }
      if (e instanceof RestException restException) {
        return rest.toResponse(restException);
      }
      if (e instanceof ProcessEngineException engineException) {
        return engine.toResponse(engineException);
      }
      return other.toResponse(e);
    }

    static String body(InvalidVariableException invalid) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "https://firebreak.dev/problems/invalid-input");
      body.put("title", "Invalid input");
      body.put("status", 400);
      body.put("detail", invalid.getMessage());
      body.put("errors", List.of(Map.of("field", invalid.variable(), "message", invalid.getMessage())));
      return write(body);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (type.isInstance(t)) {
          return type.cast(t);
        }
      }
      return null;
    }

    static String body(ModelRefusedException refused) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "https://firebreak.dev/problems/model-refused");
      body.put("title", "Model refused");
      body.put("status", 400);
      body.put("detail", refused.getMessage());
      return write(body);
    }

    static String body(SystemVariableRefusedException refused) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", ApiProblems.SYSTEM_VARIABLE.toString());
      body.put("title", "System variable refused");
      body.put("status", 400);
      body.put("detail", refused.getMessage());
      body.put("variables", refused.variables());
      return write(body);
    }

    private static String write(Map<String, Object> body) {
      try {
        return JSON.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
