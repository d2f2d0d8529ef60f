package io.tributary.store.duckdb;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a user's SQL may run through {@code query}: one statement, and a read-only kind
 * (SELECT, WITH, FROM, VALUES, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN of those, or a PRAGMA that only
 * reports, like {@code table_info}).
 *
 * <p>A quick lexical look gives friendly messages; the real check is DuckDB's own parser ({@code
 * json_serialize_sql} serialises SELECT-shaped statements only, and returns every statement it
 * found), so a statement hidden in a tricky literal is still caught. The store then runs the
 * statement in a read-only transaction that it always rolls back.
 */
final class ReadOnlySql {
  private ReadOnlySql() {}

  static final String ALLOWED =
      "SELECT, WITH, FROM, VALUES, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN or PRAGMA table_info";

  private static final Set<String> SELECT_LIKE =
      Set.of("SELECT", "WITH", "FROM", "VALUES", "SHOW", "DESCRIBE", "DESC", "SUMMARIZE", "TABLE");

  private static final Pattern EXPLAIN = Pattern.compile("(?is)EXPLAIN\\s+(?:ANALY[SZ]E\\s+)?(.*)");

  private static final Pattern PRAGMA =
      Pattern.compile(
          "(?is)PRAGMA\\s+(table_info|storage_info|show|show_tables|show_tables_expanded"
              + "|database_size|database_list|version|platform)"
              + "\\s*(?:\\(\\s*'(?:[^']|'')*'\\s*\\))?\\s*;?\\s*");

  /**
   * What to execute and what DuckDB's parser must confirm.
   *
   * @param execute the statement to run
   * @param mustParseAsSelect the statement DuckDB's parser must accept as exactly one SELECT, or
   *     {@code null} when the lexical check is enough (a fully matched PRAGMA)
   */
  record Plan(String execute, String mustParseAsSelect) {}

  /**
   * Checks {@code sql} lexically.
   *
   * @throws IllegalArgumentException saying why it is refused
   */
  static Plan plan(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("the query is empty; give one statement such as SELECT");
    }
    String body = singleStatement(sql);
    int start = skipTrivia(body, 0);
    while (start < body.length() && body.charAt(start) == '(') {
      start = skipTrivia(body, start + 1);
    }
    String keyword = firstWord(body, start);
    String rest = body.substring(skipTrivia(body, 0));
    if (SELECT_LIKE.contains(keyword)) {
      return new Plan(body, body);
    }
    if (keyword.equals("EXPLAIN")) {
      Matcher m = EXPLAIN.matcher(rest);
      if (m.matches()) {
        return new Plan(body, m.group(1));
      }
    }
    if (keyword.equals("PRAGMA")) {
      if (PRAGMA.matcher(rest).matches()) {
        return new Plan(body, null);
      }
      throw new IllegalArgumentException(
          "only PRAGMAs that report are allowed in a query (table_info, storage_info, show,"
              + " show_tables, database_size, database_list, version, platform)");
    }
    throw refused(keyword.isEmpty() ? "this" : keyword);
  }

  /**
   * Checks the answer of {@code SELECT json_serialize_sql(?)} for the statement.
   *
   * @throws IllegalArgumentException if DuckDB found a syntax error, a statement that is not a
   *     SELECT, or more than one statement
   */
  static void confirmParsed(Object serialized) {
    if (!(serialized instanceof Map<?, ?> result)) {
      throw new IllegalArgumentException("the query could not be checked; give one SELECT");
    }
    if (Boolean.TRUE.equals(result.get("error"))) {
      String type = String.valueOf(result.get("error_type"));
      String message = String.valueOf(result.get("error_message"));
      if (type.toLowerCase(Locale.ROOT).contains("parser")) {
        throw new IllegalArgumentException("the query is not valid SQL: " + message);
      }
      throw new IllegalArgumentException(
          "the query is read-only: only " + ALLOWED + " statements are allowed (" + message + ")");
    }
    Object statements = result.get("statements");
    if (!(statements instanceof List<?> list) || list.size() != 1) {
      throw new IllegalArgumentException(
          "the query must be exactly one statement; run statements one at a time");
    }
  }

  static IllegalArgumentException refused(String keyword) {
    return new IllegalArgumentException(
        "the query is read-only: "
            + keyword
            + " statements are not allowed; use "
            + ALLOWED
            + " (to change data, change the pipeline and run it)");
  }

  /**
   * The statement without trailing semicolons, or an error if another statement follows a semicolon
   * outside quotes and comments.
   */
  static String singleStatement(String sql) {
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char ch = sql.charAt(i);
      if (ch == '\'' || ch == '"') {
        i = skipQuoted(sql, i, ch);
      } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = skipLineComment(sql, i);
      } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = skipBlockComment(sql, i);
      } else if (ch == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int end = sql.indexOf(tag, i + tag.length());
        i = end < 0 ? n : end + tag.length();
      } else if (ch == ';') {
        int after = i + 1;
        while (true) {
          int next = skipTrivia(sql, after);
          if (next < n && sql.charAt(next) == ';') {
            after = next + 1;
          } else {
            after = next;
            break;
          }
        }
        if (after < n) {
          throw new IllegalArgumentException(
              "the query must be exactly one statement; run statements one at a time");
        }
        return sql.substring(0, i);
      } else {
        i++;
      }
    }
    return sql;
  }

  private static int skipQuoted(String sql, int i, char quote) {
    int n = sql.length();
    int j = i + 1;
    while (j < n) {
      if (sql.charAt(j) == quote) {
        if (j + 1 < n && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return n;
  }

  private static int skipLineComment(String sql, int i) {
    int end = sql.indexOf('\n', i);
    return end < 0 ? sql.length() : end + 1;
  }

  private static int skipBlockComment(String sql, int i) {
    int end = sql.indexOf("*/", i + 2);
    return end < 0 ? sql.length() : end + 2;
  }

  /** {@code $$} or {@code $tag$} starting at i, or {@code null}. */
  private static String dollarTag(String sql, int i) {
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    if (j < sql.length() && sql.charAt(j) == '$') {
      return sql.substring(i, j + 1);
    }
    return null;
  }

  /** The index of the first character at or after i that is not whitespace or a comment. */
  static int skipTrivia(String sql, int i) {
    int n = sql.length();
    while (i < n) {
      char ch = sql.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = skipLineComment(sql, i);
      } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = skipBlockComment(sql, i);
      } else {
        break;
      }
    }
    return i;
  }

  private static String firstWord(String sql, int i) {
    int j = i;
    while (j < sql.length() && Character.isLetter(sql.charAt(j))) {
      j++;
    }
    return sql.substring(i, j).toUpperCase(Locale.ROOT);
  }
}
