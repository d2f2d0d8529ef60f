package io.tributary.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlySqlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "  select * from reddit.posts;  ",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "FROM reddit.posts",
        "(SELECT 1) UNION (SELECT 2)",
        "/* leading */ -- and a line\n SELECT 1",
        "DESCRIBE reddit.posts",
        "SHOW TABLES",
        "SUMMARIZE reddit.posts",
        "VALUES (1), (2)"
      })
  void selectShapedStatementsGoToTheParserCheck(String sql) {
    ReadOnlySql.Plan plan = ReadOnlySql.plan(sql);

    assertThat(plan.mustParseAsSelect()).isEqualTo(plan.execute());
    assertThat(plan.execute()).doesNotEndWith(";");
  }

  @Test
  void explainChecksTheExplainedStatement() {
    ReadOnlySql.Plan plan = ReadOnlySql.plan("EXPLAIN ANALYZE SELECT 1");

    assertThat(plan.execute()).isEqualTo("EXPLAIN ANALYZE SELECT 1");
    assertThat(plan.mustParseAsSelect()).isEqualTo("SELECT 1");
  }

  @Test
  void reportingPragmasNeedNoParserCheck() {
    assertThat(ReadOnlySql.plan("PRAGMA table_info('reddit.posts')").mustParseAsSelect()).isNull();
    assertThat(ReadOnlySql.plan("pragma database_size;").mustParseAsSelect()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELETE FROM t",
        "UPDATE t SET a = 1",
        "INSERT INTO t VALUES (1)",
        "DROP TABLE t",
        "CREATE TABLE x (a INT)",
        "ATTACH 'x.duckdb'",
        "COPY t TO 'x.csv'",
        "SET threads = 1",
        "CALL pragma_version()",
        "INSTALL httpfs",
        "CHECKPOINT"
      })
  void statementsThatChangeThingsAreRefusedByName(String sql) {
    String keyword = sql.split(" ")[0];

    assertThatThrownBy(() -> ReadOnlySql.plan(sql))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "the query is read-only: " + keyword + " statements are not allowed");
  }

  @Test
  void aSecondStatementIsRefusedButSemicolonsInLiteralsAndCommentsAreNot() {
    assertThatThrownBy(() -> ReadOnlySql.plan("SELECT 1; DROP TABLE t"))
        .hasMessageContaining("exactly one statement");
    assertThatThrownBy(() -> ReadOnlySql.plan("SELECT 1;;  -- x\n DELETE FROM t"))
        .hasMessageContaining("exactly one statement");

    assertThat(ReadOnlySql.plan("SELECT ';', \"a;b\", $$x;y$$ -- ;\n").execute())
        .contains("$$x;y$$");
    assertThat(ReadOnlySql.plan("SELECT 1 /* ; */ ;;").execute()).isEqualTo("SELECT 1 /* ; */ ");
  }

  @Test
  void pragmasThatChangeSettingsAreRefused() {
    assertThatThrownBy(() -> ReadOnlySql.plan("PRAGMA enable_profiling"))
        .hasMessageContaining("only PRAGMAs that report");
    assertThatThrownBy(() -> ReadOnlySql.plan("PRAGMA table_info('t'); DELETE FROM t"))
        .hasMessageContaining("exactly one statement");
  }

  @Test
  void emptyQueriesAreRefused() {
    assertThatThrownBy(() -> ReadOnlySql.plan("  ")).hasMessageContaining("the query is empty");
  }

  @Test
  void theParserAnswerMustBeOneSelect() {
    ReadOnlySql.confirmParsed(Map.of("error", false, "statements", List.of(Map.of())));

    assertThatThrownBy(
            () ->
                ReadOnlySql.confirmParsed(
                    Map.of("error", false, "statements", List.of(Map.of(), Map.of()))))
        .hasMessageContaining("exactly one statement");
    assertThatThrownBy(
            () ->
                ReadOnlySql.confirmParsed(
                    Map.of(
                        "error", true,
                        "error_type", "not implemented",
                        "error_message", "Only SELECT statements can be serialized to json!")))
        .hasMessageContaining("read-only");
    assertThatThrownBy(
            () ->
                ReadOnlySql.confirmParsed(
                    Map.of(
                        "error", true,
                        "error_type", "parser",
                        "error_message", "syntax error at end of input")))
        .hasMessage("the query is not valid SQL: syntax error at end of input");
  }
}
