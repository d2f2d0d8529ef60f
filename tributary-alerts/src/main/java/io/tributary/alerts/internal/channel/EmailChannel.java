package io.tributary.alerts.internal.channel;

import io.tributary.alerts.NoticeKind;
import io.tributary.alerts.Notification;
import io.tributary.alerts.internal.ChannelDef;
import io.tributary.alerts.internal.Scrubber;
import io.tributary.spi.config.Config;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends a plain-text e-mail over SMTP with Jakarta Mail: STARTTLS (required), implicit TLS or none,
 * optional authentication, timeouts from the channel. Acknowledgements are not mailed.
 */
final class EmailChannel implements Channel {
  private final ChannelDef def;
  private final Scrubber scrubber;
  private final Session session;
  private final String what;

  EmailChannel(ChannelDef def, Scrubber scrubber) {
    this.def = def;
    this.scrubber = scrubber;
    this.what = "email channel '" + def.id() + "'";
    this.session = Session.getInstance(properties(def));
  }

  static Properties properties(ChannelDef def) {
    Config c = def.config();
    Properties p = new Properties();
    String timeout = String.valueOf(def.timeout().toMillis());
    p.put("mail.smtp.host", c.string("host"));
    p.put("mail.smtp.port", String.valueOf(c.integer("port", 587)));
    p.put("mail.smtp.connectiontimeout", timeout);
    p.put("mail.smtp.timeout", timeout);
    p.put("mail.smtp.writetimeout", timeout);
    switch (c.string("tls")) {
      case "starttls" -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case "tls" -> {
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      default -> {
        // plain SMTP, for a relay on the same host or network
      }
    }
    c.optString("ssl_trust")
        .ifPresent(
            hosts -> {
              p.put("mail.smtp.ssl.trust", hosts);
              p.put("mail.smtp.ssl.checkserveridentity", "false");
            });
    if (c.has("username")) {
      p.put("mail.smtp.auth", "true");
    }
    return p;
  }

  @Override
  public ChannelDef def() {
    return def;
  }

  @Override
  public boolean accepts(NoticeKind kind) {
    return kind != NoticeKind.ACKNOWLEDGED;
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    Config c = def.config();
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(c.string("from"), true));
      List<String> to = c.strings("to");
      Address[] recipients = new Address[to.size()];
      for (int i = 0; i < to.size(); i++) {
        recipients[i] = new InternetAddress(to.get(i), true);
      }
      m.setRecipients(Message.RecipientType.TO, recipients);
      m.setSubject("[Tributary] " + n.title(), StandardCharsets.UTF_8.name());
      m.setSentDate(Date.from(n.at()));
      m.setHeader("X-Tributary-Alert-Id", n.alertId());
      m.setHeader("X-Tributary-Idempotency-Key", n.idempotencyKey());
      m.setText(n.title() + "\n\n" + n.text(), StandardCharsets.UTF_8.name());
      if (c.has("username")) {
        Transport.send(
            m, c.string("username"), c.secret("password").map(s -> s.reveal()).orElse(""));
      } else {
        Transport.send(m);
      }
    } catch (AddressException e) {
      throw DeliveryException.permanent(what + ": an address is not valid");
    } catch (AuthenticationFailedException e) {
      throw DeliveryException.permanent(
          what + ": the SMTP server rejected the username or password");
    } catch (SendFailedException e) {
      throw DeliveryException.permanent(
          what + ": the SMTP server refused the message (" + safe(e) + ")");
    } catch (MessagingException e) {
      throw DeliveryException.retriable(what + ": " + safe(e));
    }
  }

  private String safe(MessagingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg =
        root == e ? e.getMessage() : e.getMessage() + ": " + root.getClass().getSimpleName();
    return scrubber.clip(msg, 200);
  }
}
