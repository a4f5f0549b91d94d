package dev.firebreak.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.firebreak.platform.resilience.FaultRig.Database;
import dev.firebreak.platform.resilience.FaultRig.Deliveries;
import dev.firebreak.platform.resilience.FaultRig.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A slow SMTP server: it greets late, and for the first messages it holds its answer to the end
 * of DATA (the message is already stored) longer than any sane client timeout and longer than the
 * job lock. A page must still reach each responder once (one Message-ID per recipient; a copy
 * resent after a timeout keeps its Message-ID), and the response (Triage) must not wait for it.
 */
class SlowSmtpFaultIT {

  static final int INCIDENTS = 3;
  static final Duration GREETING_DELAY = Duration.ofSeconds(2);
  static final Duration STALL = Duration.ofSeconds(75);
  static final int STALLED_MESSAGES = 2;

  static Database database;
  static GreenMail smtp;
  static SlowSmtp slowSmtp;
  static Node node;

  @AfterAll
  static void stop() throws IOException {
    if (node != null) {
      node.kill();
    }
    if (slowSmtp != null) {
      slowSmtp.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void noDuplicatePageAndTriageDoesNotWait() throws IOException {
    database = new Database("slow-smtp");
    int smtpPort = FaultRig.freePort();
    smtp = FaultRig.smtp(smtpPort);
    slowSmtp = new SlowSmtp(smtpPort);
    node = new Node("slow-smtp-node", database).smtp(slowSmtp.port()).start();

    List<String> keys = new ArrayList<>();
    Instant declared = Instant.now();
    for (int i = 1; i <= INCIDENTS; i++) {
      keys.add(node.declare("Slow SMTP " + i));
    }
    Instant[] triage = new Instant[1];
    Instant[] paged = new Instant[1];
    FaultRig.await(Duration.ofSeconds(200), "every incident's page to each responder", () -> {
      if (triage[0] == null && triageTasks() == INCIDENTS) {
        triage[0] = Instant.now();
      }
      if (paged[0] == null && Deliveries.of(smtp, null, keys).pagesComplete()) {
        paged[0] = Instant.now();
      }
      return paged[0] != null && triage[0] != null;
    }, () -> Deliveries.of(smtp, null, keys) + "; Triage tasks " + triageTasks());
    // resends after a timeout come later: wait them out
    FaultRig.sleep(15_000);
    Deliveries after = Deliveries.of(smtp, null, keys);

    FaultRig.report("FAULT slow-smtp: %d incidents; greeting after %d s, answer to DATA held %d s for the first %d "
            + "messages (%d held, %d connections); every Triage task %.1f s after the declarations; every page in "
            + "%.1f s; %s%n",
        INCIDENTS, GREETING_DELAY.toSeconds(), STALL.toSeconds(), STALLED_MESSAGES, slowSmtp.held(),
        slowSmtp.connections(), FaultRig.seconds(declared, triage[0]), FaultRig.seconds(declared, paged[0]), after);
    assertThat(slowSmtp.held()).as("messages whose answer the slow server held").isPositive();
    assertThat(after.duplicates()).as("pages sent more than once").isEmpty();
    assertThat(Duration.between(declared, triage[0])).as("Triage waiting for a stalled SMTP server")
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
  }

  private static long triageTasks() {
    return database.count("SELECT COUNT(*) FROM act_ru_task t JOIN incident i ON t.proc_inst_id_ = i.process_instance_id"
        + " WHERE i.title LIKE 'Slow SMTP %' AND t.task_def_key_ = 'TriageIncident'");
  }

  /**
   * A TCP proxy in front of GreenMail that greets late and, for the first {@link #STALLED_MESSAGES}
   * messages, passes the end of DATA on at once (GreenMail stores the message) but holds
   * GreenMail's answer for {@link #STALL}, or until the client gives up.
   */
  static final class SlowSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final AtomicInteger stallsLeft = new AtomicInteger(STALLED_MESSAGES);
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    SlowSmtp(int target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(this::accept, "slow-smtp-accept");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int held() {
      return held.get();
    }

    int connections() {
      return connections.get();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          connections.incrementAndGet();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          Connection connection = new Connection(client, upstream);
          daemon(connection::clientToServer);
          daemon(connection::serverToClient);
        } catch (IOException e) {
          // closed
        }
      }
    }

    private static void daemon(Runnable work) {
      Thread thread = new Thread(work, "slow-smtp");
      thread.setDaemon(true);
      thread.start();
    }

    final class Connection {
      final Socket client;
      final Socket upstream;
      volatile boolean holdNextAnswer;

      Connection(Socket client, Socket upstream) {
        this.client = client;
        this.upstream = upstream;
      }

      void clientToServer() {
        int[] last = new int[5];
        byte[] buffer = new byte[8192];
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
              System.arraycopy(last, 1, last, 0, 4);
              last[4] = buffer[i];
              if (last[0] == '\r' && last[1] == '\n' && last[2] == '.' && last[3] == '\r' && last[4] == '\n'
                  && stallsLeft.getAndDecrement() > 0) {
                holdNextAnswer = true;
                held.incrementAndGet();
              }
            }
            out.write(buffer, 0, n);
            out.flush();
          }
        } catch (IOException e) {
          // one side closed
        } finally {
          closeBoth();
        }
      }

      void serverToClient() {
        byte[] buffer = new byte[8192];
        try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
          Thread.sleep(GREETING_DELAY.toMillis());
          int n;
          while ((n = in.read(buffer)) > 0) {
            if (holdNextAnswer) {
              holdNextAnswer = false;
              Instant until = Instant.now().plus(STALL);
              while (Instant.now().isBefore(until) && !client.isClosed()) {
                Thread.sleep(200);
              }
            }
            out.write(buffer, 0, n);
            out.flush();
          }
        } catch (IOException | InterruptedException e) {
          // one side closed
        } finally {
          closeBoth();
        }
      }

      private void closeBoth() {
        try {
          client.close();
        } catch (IOException ignored) {
          // closing
        }
        try {
          upstream.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
