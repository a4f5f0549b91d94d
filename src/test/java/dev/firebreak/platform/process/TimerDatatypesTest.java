package dev.firebreak.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimerDatatypesTest {

  private String before;

  @BeforeEach
  void keep() {
    before = System.getProperty(TimerDatatypes.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(TimerDatatypes.PROPERTY);
    } else {
      System.setProperty(TimerDatatypes.PROPERTY, before);
    }
  }

  @Test
  void namesTheImplementationTheJdkFindsSoNoTimerScansTheClassPath() throws Exception {
    System.clearProperty(TimerDatatypes.PROPERTY);

    String named = TimerDatatypes.nameTheImplementation();

    assertThat(named).isEqualTo(DatatypeFactory.newDefaultInstance().getClass().getName());
    assertThat(System.getProperty(TimerDatatypes.PROPERTY)).isEqualTo(named);
    // what Camunda's DurationHelper then gets: the same implementation, by the property
    assertThat(DatatypeFactory.newInstance().getClass().getName()).isEqualTo(named);
  }

  @Test
  void keepsAnImplementationTheOperatorNamed() {
    System.setProperty(TimerDatatypes.PROPERTY, "com.example.OwnDatatypeFactory");

    assertThat(TimerDatatypes.nameTheImplementation()).isEqualTo("com.example.OwnDatatypeFactory");
    assertThat(System.getProperty(TimerDatatypes.PROPERTY)).isEqualTo("com.example.OwnDatatypeFactory");
  }
}
