package io.tributary.http.internal.engine;

import io.tributary.http.internal.manifest.Manifest;
import io.tributary.http.internal.manifest.Manifest.Auth;
import io.tributary.http.internal.manifest.Manifest.AuthType;
import io.tributary.http.internal.net.HttpCall;
import io.tributary.http.internal.net.HttpReply;
import io.tributary.http.internal.net.Transport;
import io.tributary.http.internal.net.TransportException;
import io.tributary.http.internal.template.Template;
import io.tributary.spi.PermanentException;
import io.tributary.spi.RetriableException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authentication of one connector: picks the manifest's first applicable auth method, adds
 * credentials to each request, and for OAuth2 obtains, caches and refreshes the access token (a 401
 * invalidates it once). Thread-safe.
 */
public final class AuthSession {
  private final Auth method;
  private final Map<String, Object> context;
  private final HttpRuntime runtime;
  private final Json json;
  private final Scrubber scrubber;
  private final String tokenUrl;
  private final String credentialKey;
  private Transport transport;
  private String token;
  private Instant tokenExpires = Instant.MIN;

  AuthSession(
      Manifest manifest,
      Map<String, Object> configValues,
      String tokenUrlOverride,
      HttpRuntime runtime,
      Json json,
      Scrubber scrubber) {
    this.runtime = runtime;
    this.json = json;
    this.scrubber = scrubber;
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("config", configValues);
    this.method = choose(manifest, ctx);
    this.context = ctx;
    this.tokenUrl =
        tokenUrlOverride != null && !tokenUrlOverride.isBlank()
            ? tokenUrlOverride
            : method.tokenUrl();
    List<String> credential = new ArrayList<>();
    for (Template t :
        new Template[] {
          method.value(), method.username(), method.clientId(), method.refreshToken()
        }) {
      if (t != null) {
        String v = t.renderText(ctx);
        credential.add(v);
        scrubber.add(v);
      }
    }
    for (Template t : new Template[] {method.password(), method.clientSecret()}) {
      if (t != null) {
        scrubber.add(t.renderText(ctx));
      }
    }
    this.credentialKey =
        method.type() == AuthType.NONE ? "anonymous" : hash(String.join("\u001f", credential));
  }

  private static Auth choose(Manifest manifest, Map<String, Object> ctx) {
    for (Auth a : manifest.auth()) {
      if (a.when() == null || !a.when().renderText(ctx).isBlank()) {
        return a;
      }
    }
    return new Auth(
        AuthType.NONE,
        null,
        null,
        Map.of(),
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        false,
        Map.of(),
        null,
        null);
  }

  void useTransport(Transport t) {
    this.transport = t;
  }

  /** The base URL this method asks for, or {@code null} for the manifest's. */
  public String baseUrl() {
    return method.baseUrl();
  }

  /** Values templates read as {@code auth.NAME}. */
  public Map<String, Object> vars() {
    Map<String, Object> out = new LinkedHashMap<>();
    method.vars().forEach((k, t) -> out.put(k, t.render(context)));
    out.put("type", method.type().name().toLowerCase(java.util.Locale.ROOT));
    return out;
  }

  /** A stable, non-reversible name of the credential, for per-credential limits and quotas. */
  public String credentialKey() {
    return credentialKey;
  }

  public AuthType type() {
    return method.type();
  }

  /** Whether a 401 may be answered by fetching a new token. */
  public boolean refreshable() {
    return method.type() == AuthType.OAUTH2;
  }

  /** The call with credentials added. */
  public HttpCall apply(HttpCall call) throws InterruptedException {
    Map<String, String> headers = new LinkedHashMap<>(call.headers());
    switch (method.type()) {
      case NONE -> {
        return call;
      }
      case API_KEY -> {
        String key = method.value().renderText(context);
        if (method.inQuery()) {
          return call.withUri(addQuery(call.uri(), method.name(), key));
        }
        headers.put(method.name(), key);
      }
      case BEARER ->
          headers.put(
              "Authorization",
              (method.scheme() == null ? "Bearer" : method.scheme())
                  + " "
                  + method.value().renderText(context));
      case BASIC -> {
        String user = method.username().renderText(context);
        String pass = method.password() == null ? "" : method.password().renderText(context);
        headers.put(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
      }
      case OAUTH2 -> headers.put("Authorization", "Bearer " + accessToken());
    }
    return call.withHeaders(headers);
  }

  /** Forgets the access token {@code used} so the next request fetches a new one. */
  public synchronized void invalidate() {
    token = null;
    tokenExpires = Instant.MIN;
  }

  private synchronized String accessToken() throws InterruptedException {
    Instant now = runtime.clock().instant();
    if (token != null && now.isBefore(tokenExpires)) {
      return token;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", method.grantType());
    String clientId = method.clientId().renderText(context);
    String secret = method.clientSecret() == null ? "" : method.clientSecret().renderText(context);
    switch (method.grantType()) {
      case "refresh_token" -> form.put("refresh_token", render(method.refreshToken()));
      case "password" -> {
        form.put("username", render(method.username()));
        form.put("password", render(method.password()));
      }
      default -> {}
    }
    if (!method.scopes().isEmpty()) {
      form.put("scope", String.join(" ", method.scopes()));
    }
    method.params().forEach((k, t) -> form.put(k, t.renderText(context)));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Accept", "application/json");
    if (method.clientAuthBasic()) {
      headers.put(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    } else {
      form.put("client_id", clientId);
      if (!secret.isEmpty()) {
        form.put("client_secret", secret);
      }
    }
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (!body.isEmpty()) {
            body.append('&');
          }
          body.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8));
        });
    URI uri;
    try {
      uri = URI.create(tokenUrl);
    } catch (IllegalArgumentException e) {
      throw new PermanentException("auth.token_url is not a valid URL: " + tokenUrl);
    }
    HttpReply reply;
    try {
      reply =
          transport.send(
              new HttpCall("POST", uri, headers, body.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (TransportException e) {
      if (e.kind().retriable()) {
        throw new RetriableException("token request failed: " + scrubber.scrub(e.getMessage()), e);
      }
      throw new PermanentException("token request failed: " + scrubber.scrub(e.getMessage()), e);
    }
    if (reply.status() >= 500 || reply.status() == 429) {
      throw new RetriableException(
          "token endpoint " + safe(uri) + " answered HTTP " + reply.status() + "; will retry");
    }
    if (reply.status() >= 400) {
      throw new PermanentException(
          "token endpoint "
              + safe(uri)
              + " refused the credentials (HTTP "
              + reply.status()
              + "); check client_id, client_secret and the grant's values");
    }
    Object parsed;
    try {
      parsed = json.parse(reply.body());
    } catch (Json.BadJson e) {
      throw new PermanentException(
          "token endpoint " + safe(uri) + " did not answer JSON: " + e.getMessage());
    }
    Object t = Json.pointer(parsed, method.tokenPointer());
    if (!(t instanceof String s) || s.isBlank()) {
      throw new PermanentException(
          "token endpoint "
              + safe(uri)
              + " answered without a token at "
              + method.tokenPointer()
              + "; set auth.token_pointer");
    }
    token = s;
    scrubber.add(s);
    Object expires = Json.pointer(parsed, method.expiresPointer());
    long seconds = expires instanceof Number n ? n.longValue() : 3600;
    tokenExpires = now.plusSeconds(Math.max(0, seconds - 60));
    return token;
  }

  private String render(Template t) {
    return t == null ? "" : t.renderText(context);
  }

  static URI addQuery(URI uri, String name, String value) {
    String q = uri.getRawQuery();
    String pair =
        URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "="
            + URLEncoder.encode(value, StandardCharsets.UTF_8);
    String s = uri.toString();
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    return URI.create(s + (q == null || q.isEmpty() ? (s.endsWith("?") ? "" : "?") : "&") + pair);
  }

  static String safe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
