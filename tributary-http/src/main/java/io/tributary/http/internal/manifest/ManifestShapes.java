package io.tributary.http.internal.manifest;

import static io.tributary.http.internal.manifest.Shape.any;
import static io.tributary.http.internal.manifest.Shape.bool;
import static io.tributary.http.internal.manifest.Shape.duration;
import static io.tributary.http.internal.manifest.Shape.field;
import static io.tributary.http.internal.manifest.Shape.integer;
import static io.tributary.http.internal.manifest.Shape.listOf;
import static io.tributary.http.internal.manifest.Shape.mapOf;
import static io.tributary.http.internal.manifest.Shape.matching;
import static io.tributary.http.internal.manifest.Shape.number;
import static io.tributary.http.internal.manifest.Shape.obj;
import static io.tributary.http.internal.manifest.Shape.oneOf;
import static io.tributary.http.internal.manifest.Shape.string;
import static io.tributary.http.internal.manifest.Shape.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * THE declaration of the manifest format. Validation, defaults and the JSON Schema under {@code
 * docs/schema/} all come from here; change the format here and nowhere else.
 */
public final class ManifestShapes {
  private ManifestShapes() {}

  static final String NAME_PATTERN = "[a-z][a-z0-9_]*";
  static final String NAME_HINT = "lower case letters, digits and '_', starting with a letter";

  /** A template, or a list of templates (a query parameter repeated). */
  static final Shape TEMPLATE_OR_LIST = new Shape.ByKind(template(), listOf(template()), null);

  static final Shape.Obj CONFIG_FIELD =
      obj(
          field(
                  "type",
                  oneOf("string", "integer", "number", "boolean", "string_list", "list", "object"),
                  "The value's type.")
              .defaultsTo("string"),
          field("required", bool(), "Whether a pipeline must set it.").defaultsTo(false),
          field(
                  "secret",
                  bool(),
                  "Whether the value is masked in every output and scrubbed from recordings.")
              .defaultsTo(false),
          field("default", any(), "The value used when a pipeline does not set it."),
          field("description", string(), "One sentence shown in `connectors spec` and the docs."),
          field("example", any(), "A value shown in the docs."),
          field("enum", listOf(string()), "The only accepted values."),
          field("minimum", number(Double.NEGATIVE_INFINITY), "The smallest accepted number."));

  private static final Shape.Field[] AUTH_COMMON = {
    field(
        "when",
        template(),
        "Use this method only when the template renders non-empty (e.g. {{ config.client_id }});"
            + " the first matching entry of an auth list wins."),
    field(
        "base_url",
        string(),
        "A base URL used with this method instead of the manifest's (e.g. an OAuth host)."),
    field(
        "vars",
        mapOf(template()),
        "Values templates can read as {{ auth.NAME }} while this method is in use.")
  };

  private static Shape.Obj authVariant(Shape.Field... own) {
    Shape.Field[] all = new Shape.Field[AUTH_COMMON.length + own.length];
    System.arraycopy(AUTH_COMMON, 0, all, 0, AUTH_COMMON.length);
    System.arraycopy(own, 0, all, AUTH_COMMON.length, own.length);
    return new Shape.Obj(List.of(all));
  }

  static final Shape.Tagged AUTH_METHOD =
      new Shape.Tagged(
          "type",
          variants(
              "none",
              authVariant(),
              "api_key",
              authVariant(
                  field("in", oneOf("header", "query"), "Where the key is sent.")
                      .defaultsTo("header"),
                  field("name", string(), "The header or query parameter name.").asRequired(),
                  field("value", template(), "The key, e.g. {{ config.api_key }}.").asRequired()),
              "bearer",
              authVariant(
                  field("token", template(), "The token, e.g. {{ config.token }}.").asRequired(),
                  field("scheme", string(), "The Authorization scheme word.").defaultsTo("Bearer")),
              "basic",
              authVariant(
                  field("username", template(), "The user name.").asRequired(),
                  field("password", template(), "The password.")),
              "oauth2",
              authVariant(
                  field(
                          "grant_type",
                          oneOf("client_credentials", "refresh_token", "password"),
                          "The OAuth2 flow used to obtain an access token.")
                      .defaultsTo("client_credentials"),
                  field("token_url", string(), "The token endpoint (absolute URL).").asRequired(),
                  field("client_id", template(), "The client id.").asRequired(),
                  field("client_secret", template(), "The client secret."),
                  field("refresh_token", template(), "For grant_type refresh_token."),
                  field("username", template(), "For grant_type password."),
                  field("password", template(), "For grant_type password."),
                  field("scopes", listOf(string()), "Scopes to request."),
                  field(
                          "client_auth",
                          oneOf("basic", "body"),
                          "How the client id and secret are sent to the token endpoint.")
                      .defaultsTo("basic"),
                  field("params", mapOf(template()), "Extra form parameters of the token request."),
                  field(
                          "token_pointer",
                          string(),
                          "JSON Pointer to the access token in the token response.")
                      .defaultsTo("/access_token"),
                  field(
                          "expires_pointer",
                          string(),
                          "JSON Pointer to the lifetime in seconds in the token response.")
                      .defaultsTo("/expires_in"))),
          "How requests authenticate.");

  static final Shape AUTH = new Shape.ByKind(null, listOf(AUTH_METHOD), AUTH_METHOD);

  static final Shape.Obj RATE_LIMIT =
      obj(
          field(
              "requests_per_second",
              number(0.0001),
              "Steady request rate for the whole source (a token bucket shared by every run in"
                  + " this process)."),
          field("burst", integer(1), "How many requests may go at once after a pause.")
              .defaultsTo(1L),
          field(
              "per_credential_per_second",
              number(0.0001),
              "Steady request rate for each credential (API key, token)."),
          field(
                  "remaining_header",
                  string(),
                  "Response header with the requests left in the window; the engine pauses when"
                      + " it reaches 0.")
              .defaultsTo("x-ratelimit-remaining"),
          field(
                  "reset_header",
                  string(),
                  "Response header saying when the window resets (seconds from now, or epoch"
                      + " seconds when larger than 10^9).")
              .defaultsTo("x-ratelimit-reset"),
          field("max_wait", duration(), "The longest pause the engine accepts before giving up.")
              .defaultsTo("5m"));

  static final Shape.Obj QUOTA =
      obj(
          field("per", oneOf("minute", "hour", "day"), "The quota window.").asRequired(),
          field("limit", integer(1), "Calls allowed per window.").asRequired(),
          field(
                  "scope",
                  oneOf("source", "credential"),
                  "Whether the budget is shared by every credential or counted per credential.")
              .defaultsTo("credential"));

  static final Shape.Obj RETRY =
      obj(
          field("max_attempts", integer(1), "Attempts per request, the first included.")
              .defaultsTo(6L),
          field("base_delay", duration(), "First backoff delay (before jitter).").defaultsTo("1s"),
          field("max_delay", duration(), "Cap of one backoff delay.").defaultsTo("60s"),
          field("budget", duration(), "Total time one request may spend waiting to retry.")
              .defaultsTo("5m"),
          field(
                  "statuses",
                  listOf(integer(100)),
                  "Statuses that are retried (besides timeouts and connection resets).")
              .defaultsTo(List.of(408L, 425L, 429L, 500L, 502L, 503L, 504L)));

  static final Shape.Obj ERROR_RULE =
      obj(
          field(
              "status",
              new Shape.ByKind(integer(100), listOf(integer(100)), null),
              "The status(es) this rule applies to; absent means any status (usually 200 with an"
                  + " error body)."),
          field("pointer", string(), "JSON Pointer into the body that the predicate tests."),
          field("exists", bool(), "Matches when the pointer exists (true) or not (false)."),
          field("equals", any(), "Matches when the value at the pointer equals this."),
          field("matches", string(), "Matches when the value at the pointer matches this regex."),
          field("header", string(), "Matches when this response header is present."),
          field(
                  "action",
                  oneOf("retry", "fail", "ignore"),
                  "retry: back off and try again; fail: the partition fails with the message;"
                      + " ignore: no data (empty page, pagination stops).")
              .asRequired(),
          field("message", string(), "What to tell the user (the body value is appended)."));

  static final Shape.Obj LIMITS =
      obj(
          field("connect_timeout", duration(), "TCP/TLS connect deadline.").defaultsTo("10s"),
          field("read_timeout", duration(), "Deadline for the response headers.").defaultsTo("30s"),
          field(
                  "total_timeout",
                  duration(),
                  "Deadline for a whole response including its body (a slow drip fails).")
              .defaultsTo("60s"),
          field("max_response_bytes", integer(1), "Cap on the bytes received for one response.")
              .defaultsTo(32L * 1024 * 1024),
          field(
                  "max_decompressed_bytes",
                  integer(1),
                  "Cap on one response after gzip/deflate decompression.")
              .defaultsTo(128L * 1024 * 1024),
          field("max_nesting_depth", integer(1), "Deepest JSON nesting accepted.").defaultsTo(200L),
          field("max_string_length", integer(1), "Longest JSON string accepted (characters).")
              .defaultsTo(16L * 1024 * 1024),
          field(
                  "max_concurrency",
                  integer(1),
                  "Partitions fetched at once (the source's bulkhead).")
              .defaultsTo(4L),
          field("max_redirects", integer(0), "Redirects followed per request.").defaultsTo(5L));

  static final Shape.Obj CIRCUIT_BREAKER =
      obj(
          field(
                  "failure_threshold",
                  integer(1),
                  "Consecutive failed requests (after retries) that open the circuit.")
              .defaultsTo(5L),
          field(
                  "open_for",
                  duration(),
                  "How long the source is skipped before one probe request is let through.")
              .defaultsTo("5m"));

  static final Shape.Obj REQUEST =
      obj(
          field("method", oneOf("GET", "POST"), "HTTP method.").defaultsTo("GET"),
          field("path", template(), "Path (or absolute URL) appended to the base URL.")
              .asRequired(),
          field(
              "query",
              mapOf(TEMPLATE_OR_LIST),
              "Query parameters; a parameter whose value renders empty is left out."),
          field("headers", mapOf(template()), "Headers of this stream's requests."),
          field(
              "body",
              any(),
              "Request body (POST); strings in it are templates. Sent as JSON unless body_format"
                  + " is form."),
          field("body_format", oneOf("json", "form"), "How the body is encoded.")
              .defaultsTo("json"));

  static final Shape.Obj RECORDS =
      obj(
          field(
                  "path",
                  template(),
                  "Where the records are: a JSON Pointer (/data/children) or a simple JSONPath"
                      + " ($.data.children[*].data), may use templates. An array gives one record"
                      + " per element, an object one record.")
              .defaultsTo(""),
          field(
              "zip",
              mapOf(string()),
              "Columnar data: field name -> JSON Pointer (relative to each selected node) of an"
                  + " array; record i takes element i of every array."),
          field(
              "zip_arrays",
              bool(),
              "Columnar data whose columns are not known in advance (e.g. Open-Meteo's hourly"
                  + " block): every array member of each selected object is a column named by its"
                  + " key; record i takes element i of each, other members are left out."),
          field(
              "columns",
              listOf(string()),
              "Rows given as arrays (e.g. [timestamp, price]): names of the positions."),
          field(
              "entries",
              string(),
              "An object of objects keyed by id: one record per entry, the key stored in this"
                  + " field."));

  static final Shape.Obj PARENT =
      obj(
          field("stream", matching(NAME_PATTERN, NAME_HINT), "The parent stream's name.")
              .asRequired(),
          field(
                  "field",
                  string(),
                  "JSON Pointer or field name of the value taken from each parent record.")
              .asRequired(),
          field(
                  "as",
                  matching(NAME_PATTERN, NAME_HINT),
                  "Partition name the child reads as {{ partition.NAME }}.")
              .asRequired(),
          field(
              "only",
              template(),
              "When it renders to a non-empty list, only parent values in that list are used."));

  private static Shape.Obj paginationVariant(Shape.Field... own) {
    Shape.Field[] common = {
      field(
          "max_pages",
          integer(1),
          "Runaway guard: reading more pages than this per partition fails the partition."),
      field(
          "has_more_pointer",
          string(),
          "JSON Pointer to a flag; pagination stops when it is false or missing.")
    };
    Shape.Field[] all = new Shape.Field[common.length + own.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(own, 0, all, common.length, own.length);
    return new Shape.Obj(List.of(all));
  }

  static final Shape.Tagged PAGINATION =
      new Shape.Tagged(
          "type",
          variants(
              "none",
              paginationVariant(),
              "page_number",
              paginationVariant(
                  field("param", string(), "Query parameter carrying the page number.")
                      .defaultsTo("page"),
                  field("start", integer(0), "Number of the first page.").defaultsTo(1L),
                  field("size_param", string(), "Query parameter carrying the page size."),
                  field("size", template(), "Page size; a shorter page ends pagination."),
                  field(
                      "total_pages_pointer",
                      string(),
                      "JSON Pointer to the number of pages; pagination stops after it.")),
              "offset",
              paginationVariant(
                  field("param", string(), "Query parameter carrying the offset.")
                      .defaultsTo("offset"),
                  field("limit_param", string(), "Query parameter carrying the limit.")
                      .defaultsTo("limit"),
                  field("limit", template(), "Records per page; a shorter page ends pagination.")
                      .asRequired(),
                  field("total_pointer", string(), "JSON Pointer to the total number of records.")),
              "cursor",
              paginationVariant(
                  field(
                      "token_pointer",
                      string(),
                      "JSON Pointer to the next-page token in the body (e.g. /data/after)."),
                  field("token_header", string(), "Response header with the next-page token."),
                  field("param", string(), "Query parameter that sends the token back.")
                      .asRequired()),
              "next_url",
              paginationVariant(
                  field("pointer", string(), "JSON Pointer to the next page's URL.").asRequired()),
              "link_header",
              paginationVariant(
                  field("rel", string(), "The Link relation to follow.").defaultsTo("next"))),
          "How the stream pages through results.");

  static final Shape.Obj INCREMENTAL =
      obj(
          field(
                  "cursor_field",
                  string(),
                  "The record field (after transforms) that orders records, e.g. updated_at.")
              .asRequired(),
          field(
                  "type",
                  oneOf("datetime", "number", "string"),
                  "How cursor values compare. datetime accepts ISO-8601 text and epoch seconds.")
              .defaultsTo("datetime"),
          field(
              "start",
              template(),
              "Where the first run starts, e.g. {{ config.start_date }}; empty means from the"
                  + " beginning."),
          field(
              "lookback",
              duration(),
              "Re-read this far behind the stored cursor to catch late updates (re-read records"
                  + " are upserted, not duplicated)."),
          field(
                  "order",
                  oneOf("ascending", "descending", "unordered"),
                  "The order the API returns records in. ascending: state is checkpointed after"
                      + " every page; descending: paging stops at the first page older than the"
                      + " cursor; state is checkpointed when a partition is done.")
              .defaultsTo("unordered"),
          field(
                  "request_format",
                  string(),
                  "How {{ cursor.from }} / {{ cursor.to }} are written: iso, epoch_seconds,"
                      + " epoch_millis, date, or a java.time pattern such as"
                      + " yyyy-MM-dd'T'HH:mm:ssxx.")
              .defaultsTo("iso"),
          field("request_zone", string(), "Time zone for request_format patterns.")
              .defaultsTo("UTC"));

  static final Shape TRANSFORM =
      new Shape.Single(
          List.of(
              field(
                  "add_fields",
                  mapOf(new Shape.ByKind(template(), null, null)),
                  "Adds fields; values are templates over record, partition, parent, config."),
              field("rename", mapOf(string()), "Renames fields: old name -> new name."),
              field("remove", listOf(string()), "Removes fields."),
              field(
                  "flatten",
                  obj(
                      field("field", string(), "The object field to flatten.").asRequired(),
                      field("separator", string(), "Joins parent and child names.").defaultsTo("_"),
                      field("keep", bool(), "Keep the original object field.").defaultsTo(false)),
                  "Moves an object's fields up: author: {name: x} becomes author_name: x."),
              field(
                  "coerce",
                  mapOf(
                      oneOf(
                          "epoch_seconds",
                          "epoch_millis",
                          "iso_datetime",
                          "date",
                          "integer",
                          "number",
                          "string",
                          "boolean")),
                  "Converts fields: epoch_seconds/epoch_millis/iso_datetime give ISO-8601 UTC"
                      + " text, date gives yyyy-MM-dd.")));

  static final Shape.Obj STREAM =
      obj(
          field("name", matching(NAME_PATTERN, NAME_HINT), "The stream's name.").asRequired(),
          field("description", string(), "One line for the docs."),
          field("request", REQUEST, "How to request one page.").asRequired(),
          field("records", RECORDS, "Where the records are in a response."),
          field(
              "primary_key",
              new Shape.ByKind(string(), listOf(string()), null),
              "Field(s) identifying a record; a list for a composite key."),
          field("schema", any(), "JSON Schema of one record; inferred by the store when absent."),
          field(
              "partitions",
              mapOf(new Shape.ByKind(template(), listOf(any()), null)),
              "Read once per value: name -> list or template of a list (e.g. {{ config.symbols"
                  + " }}); several names give every combination."),
          field("parent", PARENT, "Read once per value taken from a parent stream's records."),
          field("pagination", PAGINATION, "Overrides the manifest's pagination."),
          field("incremental", INCREMENTAL, "Read only new records on later runs."),
          field("transforms", listOf(TRANSFORM), "Steps applied to each record, in order."),
          field("errors", listOf(ERROR_RULE), "Rules checked before the manifest's errors rules."));

  /** The whole manifest. */
  public static final Shape.Obj MANIFEST =
      obj(
          field(
                  "name",
                  matching(NAME_PATTERN, NAME_HINT),
                  "The connector's name, used in pipelines.")
              .asRequired(),
          field("description", string(), "One line for `connectors list`.").asRequired(),
          field("documentation_url", string(), "Where the API is documented."),
          field(
              "notes",
              string(),
              "Markdown for the connector's generated reference page: plans, rate limits and"
                  + " quotas in words, caveats, hints for live use."),
          field("base_url", string(), "Base URL of the API; pipelines may override it.")
              .asRequired(),
          field("headers", mapOf(template()), "Headers sent with every request."),
          field(
              "config",
              mapOf(CONFIG_FIELD),
              "What a pipeline configures (keys, tokens, symbols); read in templates as"
                  + " {{ config.NAME }}."),
          field("auth", AUTH, "How requests authenticate; a list tries entries in order."),
          field("pagination", PAGINATION, "Default pagination of every stream."),
          field("rate_limit", RATE_LIMIT, "Politeness: request rates and rate-limit headers."),
          field("quotas", listOf(QUOTA), "Budgets shared by every pipeline through the store."),
          field("retry", RETRY, "Backoff and retry of failed requests."),
          field("errors", listOf(ERROR_RULE), "How statuses and error bodies are handled."),
          field("limits", LIMITS, "Deadlines, size caps and concurrency."),
          field("circuit_breaker", CIRCUIT_BREAKER, "Skips a failing source fast."),
          field(
              "check",
              obj(
                  field(
                      "stream",
                      matching(NAME_PATTERN, NAME_HINT),
                      "Stream whose first page `check` requests.")),
              "What `connectors check` requests."),
          field("streams", new Shape.ListOf(STREAM, 1), "What the connector reads.").asRequired());

  private static Map<String, Shape.Obj> variants(Object... pairs) {
    Map<String, Shape.Obj> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Shape.Obj) pairs[i + 1]);
    }
    return m;
  }
}
