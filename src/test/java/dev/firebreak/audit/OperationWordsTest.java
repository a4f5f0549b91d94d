package dev.firebreak.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.firebreak.platform.i18n.TimelineWords;
import java.util.Set;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;

/** Issue 11.6: a change by hand in Camunda reads in the timeline's language, Camunda's names as they are. */
class OperationWordsTest {

  static UserOperationLogEntry entry(String operation, String entity, String process) {
    UserOperationLogEntry entry = mock(UserOperationLogEntry.class);
    when(entry.getOperationType()).thenReturn(operation);
    when(entry.getEntityType()).thenReturn(entity);
    when(entry.getProcessDefinitionKey()).thenReturn(process);
    return entry;
  }

  @Test
  void inEnglishAndKorean() {
    TimelineWords en = new TimelineWords("en");
    TimelineWords ko = new TimelineWords("ko");
    var setVariable = entry(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, "Variable", "recovery");
    assertThat(ImpactfulOperations.describe(en, setVariable, Set.of("repairNote"))).isEqualTo("set variable repairNote (recovery)");
    assertThat(ImpactfulOperations.describe(ko, setVariable, Set.of("repairNote"))).isEqualTo("변수를 설정함 repairNote (recovery)");
    var modify = entry(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE, "ProcessInstance", "recovery");
    assertThat(ImpactfulOperations.describe(en, modify, Set.of())).isEqualTo("modified the process instance (recovery)");
    assertThat(ImpactfulOperations.describe(ko, modify, Set.of())).isEqualTo("프로세스 인스턴스를 수정함 (recovery)");
    var suspend = entry(UserOperationLogEntry.OPERATION_TYPE_SUSPEND, "ProcessInstance", null);
    assertThat(ImpactfulOperations.describe(ko, suspend, Set.of())).isEqualTo("ProcessInstance을(를) 일시 중지함");
  }
}
