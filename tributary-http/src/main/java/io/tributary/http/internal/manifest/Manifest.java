package io.tributary.http.internal.manifest;

import io.tributary.http.internal.template.Template;
import io.tributary.spi.config.ConfigField;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated manifest: everything the engine needs to read one REST API. Immutable.
 *
 * @param name the connector's name
 * @param description one line for listings
 * @param documentationUrl where the API is documented, or {@code null}
 * @param notes Markdown for the connector's reference page (plans, quotas, caveats), or {@code
 *     null}
 * @param source where it was loaded from (a file or jar resource), for messages
 * @param baseUrl the API's base URL as written in the manifest
 * @param headers headers of every request
 * @param config what pipelines configure, as SPI declarations (secrets marked)
 * @param auth authentication methods, the first applicable one wins
 * @param rateLimit politeness settings
 * @param quotas shared budgets
 * @param retry backoff policy
 * @param errors source-wide error rules
 * @param limits deadlines, caps, concurrency
 * @param breaker circuit-breaker policy
 * @param checkStream the stream {@code check} requests
 * @param streams the streams
 */
public record Manifest(
    String name,
    String description,
    String documentationUrl,
    String notes,
    String source,
    String baseUrl,
    Map<String, Template> headers,
    List<ConfigField> config,
    List<Auth> auth,
    RateLimit rateLimit,
    List<Quota> quotas,
    Retry retry,
    List<ErrorRule> errors,
    Limits limits,
    Breaker breaker,
    String checkStream,
    List<Stream> streams) {

  public Optional<Stream> stream(String streamName) {
    return streams.stream().filter(s -> s.name().equals(streamName)).findFirst();
  }

  /** Whether any auth method is OAuth2 (then the spec offers a {@code token_url} override). */
  public boolean usesOAuth() {
    return auth.stream().anyMatch(a -> a.type() == AuthType.OAUTH2);
  }

  public enum AuthType {
    NONE,
    API_KEY,
    BEARER,
    BASIC,
    OAUTH2
  }

  /**
   * One authentication method. Templates are rendered against the configuration; which ones are set
   * depends on {@link #type}.
   */
  public record Auth(
      AuthType type,
      Template when,
      String baseUrl,
      Map<String, Template> vars,
      boolean inQuery,
      String name,
      Template value,
      String scheme,
      Template username,
      Template password,
      String grantType,
      String tokenUrl,
      Template clientId,
      Template clientSecret,
      Template refreshToken,
      List<String> scopes,
      boolean clientAuthBasic,
      Map<String, Template> params,
      String tokenPointer,
      String expiresPointer) {}

  public record RateLimit(
      Double requestsPerSecond,
      long burst,
      Double perCredentialPerSecond,
      String remainingHeader,
      String resetHeader,
      Duration maxWait) {}

  public enum QuotaWindow {
    MINUTE,
    HOUR,
    DAY
  }

  public record Quota(QuotaWindow per, long limit, boolean perCredential) {}

  public record Retry(
      int maxAttempts,
      Duration baseDelay,
      Duration maxDelay,
      Duration budget,
      List<Integer> statuses) {}

  public enum ErrorAction {
    RETRY,
    FAIL,
    IGNORE
  }

  /** Matches a response by status and/or body/header predicate. */
  public record ErrorRule(
      List<Integer> statuses,
      String pointer,
      Boolean exists,
      Object equalsValue,
      String matches,
      String header,
      ErrorAction action,
      String message) {}

  public record Limits(
      Duration connectTimeout,
      Duration readTimeout,
      Duration totalTimeout,
      long maxResponseBytes,
      long maxDecompressedBytes,
      int maxNestingDepth,
      int maxStringLength,
      int maxConcurrency,
      int maxRedirects) {}

  public record Breaker(int failureThreshold, Duration openFor) {}

  /** One stream of the manifest. */
  public record Stream(
      String name,
      String description,
      Request request,
      Records records,
      List<String> primaryKey,
      Map<String, Object> schema,
      Map<String, Object> partitions,
      Parent parent,
      Pagination pagination,
      Incremental incremental,
      List<Transform> transforms,
      List<ErrorRule> errors) {}

  /**
   * The request of one page.
   *
   * @param query parameter name to a {@link Template} or a list of templates
   * @param body a JSON-shaped value whose strings are templates, or {@code null}
   */
  public record Request(
      String method,
      Template path,
      Map<String, Object> query,
      Map<String, Template> headers,
      Object body,
      boolean formBody) {}

  /**
   * Where records are in a response.
   *
   * @param path a JSON Pointer or JSONPath, possibly with template placeholders
   * @param zipArrays every array member of each selected object is a column (its key the field
   *     name); record i takes element i of each
   */
  public record Records(
      String path,
      Map<String, String> zip,
      List<String> columns,
      String entries,
      boolean zipArrays) {
    public Records(String path, Map<String, String> zip, List<String> columns, String entries) {
      this(path, zip, columns, entries, false);
    }

    public Records withPath(String newPath) {
      return new Records(newPath, zip, columns, entries, zipArrays);
    }
  }

  public record Parent(String stream, String field, String as, Template only) {}

  public enum PaginationType {
    NONE,
    PAGE_NUMBER,
    OFFSET,
    CURSOR,
    NEXT_URL,
    LINK_HEADER
  }

  public record Pagination(
      PaginationType type,
      int maxPages,
      String hasMorePointer,
      String param,
      long start,
      String sizeParam,
      Template size,
      String totalPagesPointer,
      String limitParam,
      String totalPointer,
      String tokenPointer,
      String tokenHeader,
      String pointer,
      String rel) {

    public static final int DEFAULT_MAX_PAGES = 10_000;

    public static Pagination none() {
      return new Pagination(
          PaginationType.NONE,
          DEFAULT_MAX_PAGES,
          null,
          null,
          1,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
  }

  public enum CursorType {
    DATETIME,
    NUMBER,
    STRING
  }

  public enum Order {
    ASCENDING,
    DESCENDING,
    UNORDERED
  }

  public record Incremental(
      String cursorField,
      CursorType type,
      Template start,
      Duration lookback,
      Order order,
      String requestFormat,
      String requestZone) {}

  /** One transform step. */
  public sealed interface Transform {
    record AddFields(Map<String, Template> fields) implements Transform {}

    record Rename(Map<String, String> names) implements Transform {}

    record Remove(List<String> fields) implements Transform {}

    record Flatten(String field, String separator, boolean keep) implements Transform {}

    record Coerce(Map<String, String> kinds) implements Transform {}
  }
}
