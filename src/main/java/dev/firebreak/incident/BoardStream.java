package dev.firebreak.incident;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The situation board's live feed (Server-Sent Events on {@code GET /incidents/stream}): an
 * {@code incident} event with the key whenever an incident changed, sent after the change
 * committed (so the board's refetch sees it), from its own thread (a slow browser never holds up
 * the engine), and a comment every 20 s so proxies keep the connection and dead ones are dropped.
 */
@Component
class BoardStream {

  private static final Logger LOG = LoggerFactory.getLogger(BoardStream.class);
  static final Duration TIMEOUT = Duration.ofMinutes(30);
  static final Duration HEARTBEAT = Duration.ofSeconds(20);

  private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "board-stream");
    thread.setDaemon(true);
    return thread;
  });

  BoardStream() {
    sender.scheduleWithFixedDelay(() -> sendToAll(SseEmitter.event().comment("keep-alive")),
        HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
  }

  SseEmitter open() {
    SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
    emitters.add(emitter);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> {
      emitters.remove(emitter);
      emitter.complete();
    });
    emitter.onError(e -> emitters.remove(emitter));
    try {
      // the browser reconnects after 3 s when the stream ends (timeout, restart)
      emitter.send(SseEmitter.event().name("hello").reconnectTime(3000).data("ready"));
    } catch (IOException gone) {
      emitters.remove(emitter);
    }
    return emitter;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void changed(IncidentRecordChanged event) {
    sender.execute(() -> sendToAll(SseEmitter.event().name("incident").data(event.incidentKey())));
  }

  int listeners() {
    return emitters.size();
  }

  private void sendToAll(SseEmitter.SseEventBuilder event) {
    for (SseEmitter emitter : emitters) {
      try {
        emitter.send(event);
      } catch (IOException | IllegalStateException gone) {
        emitters.remove(emitter);
        LOG.debug("Board listener gone: {}", gone.getMessage());
      }
    }
  }

  @PreDestroy
  void stop() {
    sender.shutdownNow();
    emitters.forEach(SseEmitter::complete);
    emitters.clear();
  }
}
