package io.tributary.alerts;

import static io.tributary.alerts.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tributary.spi.store.RunStatus;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** E-mail alerts against a real SMTP server (GreenMail) on loopback. */
class EmailChannelIT {
  static final String PASSWORD = "smtp-pass-4c8d2e";
  static final Duration WAIT = Duration.ofSeconds(15);

  final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
  GreenMail mail;
  Alerting alerting;
  AlertStore store = AlertStore.inMemory();

  @AfterEach
  void stop() {
    if (alerting != null) {
      alerting.close();
    }
    store.close();
    if (mail != null) {
      mail.stop();
    }
  }

  void start(ServerSetup setup) {
    mail =
        new GreenMail(setup.dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("ops@example.com", "tributary", PASSWORD));
    mail.start();
  }

  @SuppressWarnings("unchecked")
  Alerting alerting(int port, String tls, String password) throws Exception {
    String yaml =
        """
        channels:
          mail:
            type: email
            host: 127.0.0.1
            port: %d
            tls: %s
            ssl_trust: 127.0.0.1
            username: tributary
            password: "%s"
            from: tributary@example.com
            to: [ops@example.com]
            timeout: 5s
        defaults: {channels: [mail]}
        delivery: {max_attempts: 2, initial_backoff: 10ms, shutdown_grace: 200ms}
        """
            .formatted(port, tls, password);
    AlertingConfig config =
        AlertingConfig.parse(new YAMLMapper().readValue(yaml, Map.class), Set.of());
    alerting = Alerting.create(config, store, clock);
    return alerting;
  }

  void fireAndResolve(Alerting a) {
    PipelineAlerts shop =
        new PipelineAlerts(
            "shop", List.of(Map.of("type", "consecutive_failures", "threshold", 1)), Set.of());
    clock.advance(Duration.ofMinutes(1));
    a.onRunFinished(shop, run("run-1", "shop", RunStatus.FAILED, clock.instant()));
    clock.advance(Duration.ofMinutes(1));
    a.onRunFinished(shop, run("run-2", "shop", RunStatus.SUCCEEDED, clock.instant()));
  }

  @Test
  void firedAndResolvedAlertsAreMailedWithAuthentication() throws Exception {
    start(ServerSetupTest.SMTP);
    Alerting a = alerting(mail.getSmtp().getPort(), "none", PASSWORD);

    fireAndResolve(a);

    assertThat(a.awaitIdle(WAIT)).isTrue();
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2);
    String id = a.list(AlertQuery.all()).get(0).id();
    MimeMessage fired = received[0];
    assertThat(fired.getSubject())
        .isEqualTo("[Tributary] [ERROR] FIRING shop: 1 failed runs in a row");
    assertThat(fired.getFrom()[0].toString()).isEqualTo("tributary@example.com");
    assertThat(fired.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
    assertThat(fired.getHeader("X-Tributary-Idempotency-Key")).containsExactly(id + ".fired");
    assertThat(GreenMailUtil.getBody(fired))
        .contains(
            "Pipeline: shop",
            "Rule: consecutive_failures (consecutive_failures)",
            "Run: run-1",
            "Alert id: " + id)
        .doesNotContain(PASSWORD);
    assertThat(received[1].getSubject()).startsWith("[Tributary] [ERROR] RESOLVED shop:");
    assertThat(GreenMailUtil.getBody(received[1])).contains("Resolved at: 2026-03-01T10:02:00Z");
  }

  @Test
  void implicitTlsDelivers() throws Exception {
    start(ServerSetupTest.SMTPS);
    Alerting a = alerting(mail.getSmtps().getPort(), "tls", PASSWORD);

    fireAndResolve(a);

    assertThat(a.awaitIdle(WAIT)).isTrue();
    assertThat(mail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void startTlsIsRequiredSoNothingGoesOutInClearText() throws Exception {
    start(ServerSetupTest.SMTP);
    Alerting a = alerting(mail.getSmtp().getPort(), "starttls", PASSWORD);

    fireAndResolve(a);

    assertThat(a.awaitIdle(WAIT)).isTrue();
    assertThat(mail.getReceivedMessages()).as("this GreenMail offers no STARTTLS").isEmpty();
    Notice.Delivery d = a.list(AlertQuery.all()).get(0).notices().get(0).deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d.error()).contains("STARTTLS is required but host does not support STARTTLS");
  }

  @Test
  void aWrongPasswordFailsAtOnceWithoutShowingIt() throws Exception {
    start(ServerSetupTest.SMTP);
    Alerting a = alerting(mail.getSmtp().getPort(), "none", "wrong-" + PASSWORD);

    fireAndResolve(a);

    assertThat(a.awaitIdle(WAIT)).isTrue();
    assertThat(mail.getReceivedMessages()).isEmpty();
    Alert alert = a.list(AlertQuery.all()).get(0);
    Notice.Delivery d = alert.notices().get(0).deliveries().get(0);
    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.error())
        .isEqualTo("email channel 'mail': the SMTP server rejected the username or password");
    assertThat(alert.toString()).doesNotContain(PASSWORD);
  }
}
