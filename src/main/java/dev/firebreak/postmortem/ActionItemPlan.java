package dev.firebreak.postmortem;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.firebreak.platform.process.InvalidVariableException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.json.SpinJsonNode;
import dev.firebreak.platform.process.ModelBean;
import org.springframework.stereotype.Component;

/**
 * The action items written in the post-mortem, as the multi-instance collection. Tasklist submits
 * the dynamic list as a JSON variable; the API and tests may pass a Java list.
 */
@ModelBean
@Component("actionItemPlan")
public class ActionItemPlan {

  private final ObjectMapper json;

  ActionItemPlan(ObjectMapper json) {
    this.json = json;
  }

  public List<Map<String, Object>> items(DelegateExecution execution) {
    Object raw = execution.getVariable(PostmortemProcess.ACTION_ITEMS);
    if (raw == null) {
      return List.of();
    }
    List<Map<String, Object>> items = parse(raw);
    List<Map<String, Object>> cleaned = new ArrayList<>();
    for (Map<String, Object> item : items) {
      Object title = item.get("title");
      if (title != null && !title.toString().isBlank()) {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("title", title.toString().trim());
        copy.put("owner", item.get("owner") == null ? null : item.get("owner").toString().trim());
        copy.put("dueDate", item.get("dueDate") == null ? null : item.get("dueDate").toString());
        cleaned.add(copy);
      }
    }
    return cleaned;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> parse(Object raw) {
    try {
      if (raw instanceof SpinJsonNode node) {
        return json.readValue(node.toString(), new TypeReference<>() { });
      }
      if (raw instanceof String text) {
        return json.readValue(text, new TypeReference<>() { });
      }
      if (raw instanceof List<?> list) {
        return (List<Map<String, Object>>) list;
      }
    } catch (Exception e) {
      throw new InvalidVariableException("actionItems", "actionItems must be a list of {title, owner, dueDate}: "
          + e.getMessage());
    }
    throw new InvalidVariableException("actionItems", "actionItems must be a list of {title, owner, dueDate}, not "
        + raw.getClass().getSimpleName());
  }
}
