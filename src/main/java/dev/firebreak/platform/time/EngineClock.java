package dev.firebreak.platform.time;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The one clock Firebreak reads: the process engine's. Records, timers and decisions then agree,
 * and a test that moves the engine clock ({@code ClockUtil.setCurrentTime}) moves every time the
 * application writes. The engine's clock lives behind this bean so that a later engine is a
 * change here only.
 */
@Component
public class EngineClock {

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
