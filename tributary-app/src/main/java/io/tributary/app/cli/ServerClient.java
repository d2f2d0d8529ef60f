package io.tributary.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.app.AppContext;
import io.tributary.app.ExitCodes;
import io.tributary.app.UserError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Calls a running {@code tributary serve} through its API with the admin token, for the commands
 * that must not open the store themselves while the server holds it (DuckDB admits one writer). API
 * errors become {@link UserError}s with the server's own code and message; the token never appears
 * in a message.
 */
final class ServerClient {
  private final URI base;
  private final String token;

  ServerClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  URI base() {
    return base;
  }

  /** The server's base URL: {@code --server}, else $TRIBUTARY_SERVER, else port 8080 here. */
  static URI base(String server, Map<String, String> env) {
    String s = server != null ? server : env.getOrDefault("TRIBUTARY_SERVER", "");
    if (s.isBlank()) {
      s = "http://127.0.0.1:8080";
    }
    s = s.replaceAll("/+$", "");
    if (!s.startsWith("http://") && !s.startsWith("https://")) {
      throw new UserError(
          "--server must be an http:// or https:// URL (was: " + s + ")", ExitCodes.USAGE);
    }
    return URI.create(s);
  }

  /**
   * The admin token: from {@code tokenFile}, else $TRIBUTARY_TOKEN, else {@code admin.token} in the
   * server's data directory.
   */
  static String token(Path tokenFile, Path dataDir, Map<String, String> env) {
    if (tokenFile == null) {
      String t = env.get("TRIBUTARY_TOKEN");
      if (t != null && !t.isBlank()) {
        return t.trim();
      }
    }
    Path file =
        tokenFile != null
            ? tokenFile
            : AppContext.resolveDataDir(dataDir, env).resolve("admin.token");
    try {
      return Files.readString(file).trim();
    } catch (NoSuchFileException e) {
      throw new UserError(
          "no admin token at "
              + file
              + "; pass --data-dir of the server, --token-file, or set TRIBUTARY_TOKEN",
          ExitCodes.USAGE);
    } catch (IOException e) {
      throw new UserError(
          "cannot read the admin token " + file + ": " + e.getMessage(), ExitCodes.INTERNAL);
    }
  }

  /** Sends a request and returns the JSON answer, turning API errors into user errors. */
  JsonNode call(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UserError(
          "cannot reach the server at "
              + base
              + " ("
              + e.getClass().getSimpleName()
              + "); is 'tributary serve' running? Point --server at it",
          ExitCodes.INTERNAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted", ExitCodes.INTERRUPTED);
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UserError(
          "the server at " + base + " answered HTTP " + response.statusCode() + " without JSON",
          ExitCodes.INTERNAL);
    }
    if (response.statusCode() >= 400) {
      JsonNode error = json.path("error");
      int code =
          response.statusCode() >= 500 && response.statusCode() != 503
              ? ExitCodes.INTERNAL
              : ExitCodes.USAGE;
      throw new UserError(
          "the server refused ("
              + error.path("code").asText("http_" + response.statusCode())
              + "): "
              + error.path("message").asText(""),
          code);
    }
    return json;
  }
}
